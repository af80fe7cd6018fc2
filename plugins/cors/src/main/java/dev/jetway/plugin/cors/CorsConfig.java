package dev.jetway.plugin.cors;

import java.time.Duration;
import java.util.List;

/**
 * {@code cors: {allowCredentials, allowHeaders, allowMethods, allowOrigins, exposeHeaders, maxAge}}; in the lists,
 * {@code "*"} means any.
 */
public record CorsConfig(Boolean allowCredentials, List<String> allowHeaders, List<String> allowMethods,
                         List<String> allowOrigins, List<String> exposeHeaders, Duration maxAge) {

    public CorsConfig {
        allowCredentials = Boolean.TRUE.equals(allowCredentials);
        allowHeaders = allowHeaders == null ? List.of() : allowHeaders;
        allowMethods = allowMethods == null ? List.of() : allowMethods;
        allowOrigins = allowOrigins == null ? List.of() : allowOrigins;
        exposeHeaders = exposeHeaders == null ? List.of() : exposeHeaders;
    }
}
