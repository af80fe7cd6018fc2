package dev.jetway.plugin.urlrewrite;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code requestRedirect: {scheme?, authority?, path?, status?}}. */
public record RequestRedirectConfig(String scheme, JsonNode authority, JsonNode path, Integer status) {
}
