package dev.jetway.plugin.backendauth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;

/** {@code key}: the secret written inline, or {@code {file: path}} holding it. */
record Key(String inline, String file) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Key of(JsonNode node) {
        if (node.isTextual()) {
            return new Key(node.asText(), null);
        }
        JsonNode file = node.get("file");
        if (node.isObject() && node.size() == 1 && file != null && file.isTextual()) {
            return new Key(null, file.asText());
        }
        throw new IllegalArgumentException("key is the secret as a string, or {file: <path>}");
    }
}
