package dev.jetway.core.server;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.jetway.core.config.ConfigDocument;
import dev.jetway.core.config.ConfigPath;

/**
 * The config as the admin shows it: values that referred to environment variables as written ({@code ${TOKEN}}),
 * and values under keys that hold secrets (keys, tokens, passwords, environment of child processes, the trace
 * collector's headers) replaced, so that a config dump can be shared.
 */
final class SecretRedaction {

    static final String REDACTED = "<redacted>";
    private static final Set<String> SECRET_KEYS = Set.of("key", "env", "password", "secret", "token", "apikey",
            "clientsecret", "authorization", "cookie");

    private SecretRedaction() {
    }

    static JsonNode redact(ConfigDocument document) {
        JsonNode copy = document.root().deepCopy();
        document.written().forEach((path, text) -> {
            if (copy.at(pointer(path)) instanceof TextNode && parent(copy, path) instanceof ContainerNode<?> parent) {
                Object last = path.segments().get(path.segments().size() - 1);
                if (parent instanceof ObjectNode object) {
                    object.put((String) last, text);
                } else if (parent instanceof ArrayNode array) {
                    array.set((Integer) last, array.textNode(text));
                }
            }
        });
        walk(copy);
        // Headers sent to the trace collector are its credentials, whatever their names.
        if (copy.path("config").path("tracing").path("headers") instanceof ObjectNode headers) {
            headers.properties().forEach(header -> header.setValue(headers.textNode(REDACTED)));
        }
        return copy;
    }

    /**
     * {@code text} with the values of the environment variables the config refers to replaced by their references,
     * for log lines that show config values (a command line, a URL). Values shorter than four characters are left, as
     * they would match everywhere and are no secrets.
     */
    static String redact(String text, Map<String, String> variables) {
        String redacted = text;
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            if (variable.getValue().length() >= 4) {
                redacted = redacted.replace(variable.getValue(), "${" + variable.getKey() + "}");
            }
        }
        return redacted;
    }

    private static JsonNode parent(JsonNode root, ConfigPath path) {
        return path.isRoot() ? null : root.at(pointer(path.parent()));
    }

    private static JsonPointer pointer(ConfigPath path) {
        JsonPointer pointer = JsonPointer.empty();
        for (Object segment : path.segments()) {
            pointer = segment instanceof Integer index ? pointer.appendIndex(index) : pointer.appendProperty((String) segment);
        }
        return pointer;
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
