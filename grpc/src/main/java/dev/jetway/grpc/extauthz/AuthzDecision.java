package dev.jetway.grpc.extauthz;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/** What an ext_authz service decided about a request ({@code CheckResponse}). */
public sealed interface AuthzDecision {

    /**
     * Status OK: the request goes on.
     *
     * @param requestHeaders    changes to the request to the upstream ({@code ok_response.headers})
     * @param removeHeaders     headers to take off that request ({@code ok_response.headers_to_remove})
     * @param responseHeaders   changes to the client's response ({@code ok_response.response_headers_to_add})
     * @param metadata          {@code dynamic_metadata} as plain Java values, for the {@code extauthz} CEL variable;
     *                          empty when none
     */
    record Allowed(List<HeaderChange> requestHeaders, List<String> removeHeaders, List<HeaderChange> responseHeaders,
                   Map<String, Object> metadata) implements AuthzDecision {
        public Allowed {
            requestHeaders = List.copyOf(requestHeaders);
            removeHeaders = List.copyOf(removeHeaders);
            responseHeaders = List.copyOf(responseHeaders);
            requireNonNull(metadata, "metadata");
        }
    }

    /**
     * Any other status: the client gets this answer ({@code denied_response}; 403 when it names no status).
     */
    record Denied(int status, List<HeaderChange> headers, byte[] body) implements AuthzDecision {
        public Denied {
            headers = List.copyOf(headers);
            requireNonNull(body, "body");
        }
    }
}
