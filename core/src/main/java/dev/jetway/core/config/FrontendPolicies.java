package dev.jetway.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.config.GlobalSettings.OtlpProtocol;

/**
 * The top-level {@code frontendPolicies:} (agentgateway's LocalFrontendPolicies): settings for every listener of the
 * gateway. jetway implements {@code accessLog} and {@code tracing}; the others are bound so that they can be refused by
 * name.
 */
public record FrontendPolicies(JsonNode http, JsonNode tls, JsonNode tcp, JsonNode networkAuthorization,
                               AccessLogPolicy accessLog, TracingPolicy tracing) {

    public static final FrontendPolicies NONE = new FrontendPolicies(null, null, null, null, null, null);

    /**
     * {@code accessLog}: {@code filter} (CEL, whether a request is logged), {@code add} (field name to CEL),
     * {@code remove} (default fields to leave out); {@code otlp} export is refused.
     */
    public record AccessLogPolicy(String filter, Map<String, String> add, List<String> remove, JsonNode otlp) {
        public AccessLogPolicy {
            add = ordered(add);
            remove = remove == null ? List.of() : List.copyOf(remove);
        }
    }

    /**
     * {@code tracing}: where spans go (a {@code host: "h:p"} service reference; {@code backend}, {@code service} and
     * {@code policies} are bound to be refused), over which {@code protocol} and {@code path}; span {@code attributes}
     * and {@code resources} (name to CEL), default attributes to {@code remove}, and the sampling overrides.
     */
    public record TracingPolicy(String host, JsonNode backend, JsonNode service, JsonNode policies,
                                Map<String, String> attributes, Map<String, String> resources, List<String> remove,
                                JsonNode randomSampling, JsonNode clientSampling, String path, OtlpProtocol protocol) {
        public TracingPolicy {
            attributes = ordered(attributes);
            resources = ordered(resources);
            remove = remove == null ? List.of() : List.copyOf(remove);
        }
    }

    /** Fields are written in the order the config lists them. */
    static Map<String, String> ordered(Map<String, String> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
