package dev.jetway.plugin.extauthz;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.extauthz.spi.BodyOptions;

/**
 * {@code extAuthz}, as agentgateway v1.1 writes it: the service ({@code host}; {@code backend} and {@code service}
 * refs are refused by name), its connection {@code policies}, the {@code protocol} (one key, whose value the
 * {@link dev.jetway.plugin.extauthz.spi.ExtAuthzProtocolFactory} of that key binds; {@code grpc} when omitted), {@code failureMode}
 * ({@code allow}, {@code deny} or {@code {denyWithStatus: N}}), {@code includeRequestHeaders} and
 * {@code includeRequestBody}.
 */
public record ExtAuthzConfig(String host, JsonNode backend, JsonNode service, ObjectNode policies, ObjectNode protocol,
                             JsonNode failureMode, List<String> includeRequestHeaders, BodyOptions includeRequestBody) {

    /**
     * {@code protocol: {grpc: {...}}}: Envoy's ext_authz v3 over gRPC.
     *
     * @param context  static {@code context_extensions} of each check
     * @param metadata CEL values sent as {@code metadata_context.filter_metadata}, each key a namespace whose value
     *                 must be a map; when unset, a request's {@code jwt} claims go under
     *                 {@code envoy.filters.http.jwt_authn} as {@code jwt_payload}
     */
    public record GrpcProtocol(Map<String, String> context, Map<String, String> metadata) {
    }

    /**
     * {@code protocol: {http: {...}}}: every value but the header names is CEL.
     *
     * @param path                   the check request's path and query; the request's own when unset
     * @param redirect               where a 401 or 403 of the service sends the client instead (302)
     * @param includeResponseHeaders headers of an allowing answer copied onto the request to the backend
     * @param addRequestHeaders      headers (or {@code :authority}, ...) set on the check request
     * @param metadata               the {@code extauthz} variable, over {@code response} = the service's answer
     */
    public record HttpProtocol(String path, String redirect, List<String> includeResponseHeaders,
                               Map<String, String> addRequestHeaders, Map<String, String> metadata) {
    }
}
