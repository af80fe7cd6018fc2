package dev.jetway.grpc.extauthz;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.jetway.grpc.GrpcChannel;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.envoyproxy.envoy.service.auth.v3.DeniedHttpResponse;
import io.envoyproxy.envoy.service.auth.v3.OkHttpResponse;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;

/**
 * Envoy's ext_authz v3 over gRPC ({@code envoy.service.auth.v3.Authorization/Check}), agentgateway's default
 * {@code extAuthz} protocol: asks about a request and reads the decision. Nothing blocks; a failed future (a
 * {@link dev.jetway.grpc.GrpcException}) means the service could not decide, where the
 * policy's failureMode applies.
 *
 * <pre>{@code
 * GrpcAuthzCheck check = new GrpcAuthzCheck(channel, List.of(), Map.of("tenant", "a"));
 * check.check(request, Map.of("example.com/user", Map.of("sub", "alice")), null, false)
 *      .whenComplete((decision, failure) -> ...);
 * }</pre>
 */
public final class GrpcAuthzCheck {

    static final String CHECK = "/envoy.service.auth.v3.Authorization/Check";

    private final GrpcChannel channel;
    private final List<String> includeRequestHeaders;
    private final Map<String, String> contextExtensions;

    /**
     * @param includeRequestHeaders the header names to send (pseudo headers such as {@code :authority} included);
     *                              empty for all, Envoy's default
     * @param contextExtensions     {@code protocol.grpc.context}: sent as {@code context_extensions}
     */
    public GrpcAuthzCheck(GrpcChannel channel, List<String> includeRequestHeaders, Map<String, String> contextExtensions) {
        this.channel = requireNonNull(channel, "channel");
        this.includeRequestHeaders = List.copyOf(includeRequestHeaders);
        this.contextExtensions = Map.copyOf(contextExtensions);
    }

    /**
     * @param filterMetadata {@code metadata_context.filter_metadata}, a struct (map) per namespace, such as
     *                       {@code protocol.grpc.metadata} evaluated for this request; empty for none
     * @param body           the start of the request body ({@code includeRequestBody}), or {@code null}
     * @param packAsBytes    whether the body goes as {@code raw_body} rather than as text
     */
    public CompletableFuture<AuthzDecision> check(Request request, Map<String, ? extends Map<?, ?>> filterMetadata,
                                                  byte[] body, boolean packAsBytes) {
        return channel.call(CHECK, CheckRequests.of(request, includeRequestHeaders, contextExtensions, filterMetadata,
                body, packAsBytes), CheckResponse.parser()).thenApply(GrpcAuthzCheck::decision);
    }

    static AuthzDecision decision(CheckResponse response) {
        if (response.getStatus().getCode() == 0) {
            OkHttpResponse ok = response.getOkResponse();
            // The deprecated ok_response.dynamic_metadata overrides CheckResponse.dynamic_metadata, as in Envoy.
            Map<String, Object> metadata = Structs.map(ok.hasDynamicMetadata() ? ok.getDynamicMetadata()
                    : response.getDynamicMetadata());
            return new AuthzDecision.Allowed(ok.getHeadersList().stream().map(HeaderChange::of).toList(),
                    ok.getHeadersToRemoveList(), ok.getResponseHeadersToAddList().stream().map(HeaderChange::of).toList(),
                    metadata);
        }
        DeniedHttpResponse denied = response.getDeniedResponse();
        int status = denied.getStatus().getCodeValue();
        return new AuthzDecision.Denied(status >= 100 && status <= 599 ? status : HttpStatus.FORBIDDEN_403,
                denied.getHeadersList().stream().map(HeaderChange::of).toList(),
                denied.getBody().getBytes(StandardCharsets.UTF_8));
    }
}
