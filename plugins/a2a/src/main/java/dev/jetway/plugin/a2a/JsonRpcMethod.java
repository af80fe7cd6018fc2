package dev.jetway.plugin.a2a;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/** The {@code method} of a JSON-RPC request, read without building the whole document. */
final class JsonRpcMethod {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonRpcMethod() {
    }

    /** The top-level {@code method} string, or empty when the body is not a JSON object with one. */
    static Optional<String> of(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("method") && value == JsonToken.VALUE_STRING) {
                    return Optional.of(parser.getText());
                }
                parser.skipChildren();
            }
        } catch (IOException notJson) {
            // reported as unknown
        }
        return Optional.empty();
    }
}
