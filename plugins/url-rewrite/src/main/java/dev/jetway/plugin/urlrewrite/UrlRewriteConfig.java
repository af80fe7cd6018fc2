package dev.jetway.plugin.urlrewrite;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code urlRewrite: {authority?, path?}}; both take several shapes, read by {@link HostRewrite} and
 * {@link PathRewrite}.
 */
public record UrlRewriteConfig(JsonNode authority, JsonNode path) {
}
