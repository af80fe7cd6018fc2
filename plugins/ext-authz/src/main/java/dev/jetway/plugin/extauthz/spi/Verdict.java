package dev.jetway.plugin.extauthz.spi;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;

/** What the authorization service decided about a request. */
public sealed interface Verdict {

    /**
     * The request goes on, with the service's changes.
     *
     * <pre>{@code
     * new Verdict.Allow(headers -> headers.remove("authorization").put("x-user", "alice"), null, Map.of("user", "alice"));
     * }</pre>
     *
     * @param requestHeaders  changes to the headers of the request to the backend (set, append, remove); {@code null}
     *                        for none
     * @param responseHeaders changes to the headers of the answer to the client, whoever writes it, made just before
     *                        they are sent; {@code null} for none
     * @param metadata        the {@code extauthz} variable for later policies and the access log; {@code null} for none
     */
    record Allow(Consumer<HttpFields.Mutable> requestHeaders, Consumer<HttpFields.Mutable> responseHeaders,
                 Map<String, Object> metadata) implements Verdict {
    }

    /** The client gets this answer instead of the backend's. */
    record Deny(int status, HttpFields headers, byte[] body) implements Verdict {

        /** The body of the gateway's own refusals, as agentgateway words them. */
        public static final String REFUSED = "external authorization failed";

        public Deny {
            requireNonNull(headers, "headers");
            requireNonNull(body, "body");
        }

        /** A short plain-text answer, as the gateway writes its own errors. */
        public static Deny plainText(int status, String text) {
            return new Deny(status, HttpFields.build().put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.TEXT_PLAIN_UTF_8.asString()),
                    text.getBytes(StandardCharsets.UTF_8));
        }

        /** The gateway's 403 when no check could be made, or the service refused without saying how to answer. */
        public static Deny refused() {
            return plainText(HttpStatus.FORBIDDEN_403, REFUSED);
        }
    }
}
