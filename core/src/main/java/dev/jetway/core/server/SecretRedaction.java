package dev.jetway.core.server;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The config as the admin shows it: values under keys that hold secrets (keys, tokens, passwords, environment of
 * child processes, the trace collector's headers) are replaced, so that a config dump can be shared.
 */
final class SecretRedaction {

    static final String REDACTED = "<redacted>";
    private static final Set<String> SECRET_KEYS = Set.of("key", "env", "password", "secret", "token", "apikey",
            "clientsecret", "authorization", "cookie");

    private SecretRedaction() {
    }

    static JsonNode redact(JsonNode root) {
        JsonNode copy = root.deepCopy();
        walk(copy);
        // Headers sent to the trace collector are its credentials, whatever their names.
        if (copy.path("config").path("tracing").path("headers") instanceof ObjectNode headers) {
            headers.properties().forEach(header -> header.setValue(headers.textNode(REDACTED)));
        }
        return copy;
    }

    private static void walk(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String name = field.getKey().toLowerCase(Locale.ROOT);
                boolean secret = SECRET_KEYS.contains(name) || name.endsWith("token") || name.endsWith("secret")
                        || name.endsWith("password");
                if (secret && !field.getValue().isNull()) {
                    field.setValue(object.textNode(REDACTED));
                } else {
                    walk(field.getValue());
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(SecretRedaction::walk);
        }
    }
}
