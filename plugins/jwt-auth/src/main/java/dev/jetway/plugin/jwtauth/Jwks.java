package dev.jetway.plugin.jwtauth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code jwks}: where the signing keys are, exactly one of a JWKS written inline as a JSON string, {@code {file: path}}
 * or {@code {url: https://...}}.
 */
record Jwks(String inline, String file, String url) {

    private static final String SHAPES = "jwks is a JWKS as a JSON string, {file: <path>} or {url: <https URL>}";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Jwks of(JsonNode node) {
        if (node.isTextual()) {
            return new Jwks(node.asText(), null, null);
        }
        if (node.isObject() && node.size() == 1) {
            JsonNode file = node.get("file");
            JsonNode url = node.get("url");
            if (file != null && file.isTextual()) {
                return new Jwks(null, file.asText(), null);
            }
            if (url != null && url.isTextual()) {
                return new Jwks(null, null, url.asText());
            }
        }
        throw new IllegalArgumentException(SHAPES);
    }
}
