package dev.jetway.plugin.mcp.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.api.upstream.UpstreamFailures;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Reads the JSON-RPC messages of one HTTP answer as they arrive: a JSON body (one message or a batch) or an event
 * stream (one message per event, handed on as soon as its event is complete, so progress reaches the client before
 * the result).
 */
class MessageReader implements Response.Listener {

    /** Bounds what one buffered JSON answer may cost. */
    static final int MAX_JSON_BYTES = 64 * 1024 * 1024;

    /** How the answer ended. */
    interface Outcome {
        /** @param status the HTTP status; {@code body} holds a non-JSON-RPC body (for error messages), else empty */
        void completed(Response response, int status, String body);

        /** @param reason a sentence such as "failed: connection refused" */
        void failed(String reason);
    }

    private final Consumer<ObjectNode> messages;
    private final Outcome outcome;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private SseParser events;
    private boolean json;
    private boolean tooLarge;
    private String invalid;

    MessageReader(Consumer<ObjectNode> messages, Outcome outcome) {
        this.messages = messages;
        this.outcome = outcome;
    }

    @Override
    public void onHeaders(Response response) {
        String type = response.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String mime = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (mime.startsWith(UpstreamHttp.EVENT_STREAM)) {
            events = new SseParser((name, data) -> {
                if (name.equals("message") && data.isBlank()) {
                    // A priming event (an id to resume from, no data), as servers send first since MCP 2025-11-25.
                    return;
                }
                if (name.equals("message")) {
                    parse(data.getBytes(StandardCharsets.UTF_8));
                } else {
                    event(name, data);
                }
            });
        } else {
            json = mime.startsWith(UpstreamHttp.JSON) && response.getStatus() / 100 == 2;
        }
    }

    /** An event other than {@code message}, such as the legacy transport's {@code endpoint}. */
    void event(String name, String data) {
    }

    @Override
    public void onContent(Response response, ByteBuffer content) {
        if (events != null) {
            events.feed(content);
        } else if (body.size() + content.remaining() > MAX_JSON_BYTES) {
            tooLarge = true;
            response.abort(new IOException("answer larger than " + MAX_JSON_BYTES + " bytes"));
        } else {
            byte[] bytes = new byte[content.remaining()];
            content.get(bytes);
            body.write(bytes, 0, bytes.length);
        }
    }

    @Override
    public void onComplete(Result result) {
        if (result.isFailed()) {
            outcome.failed(tooLarge ? "answered with more than " + MAX_JSON_BYTES + " bytes"
                    : "failed: " + UpstreamFailures.describe(result.getFailure()));
            return;
        }
        String rest = "";
        if (json) {
            parse(body.toByteArray());
        } else if (events == null) {
            rest = body.toString(StandardCharsets.UTF_8);
        }
        if (invalid != null) {
            outcome.failed(invalid);
        } else {
            outcome.completed(result.getResponse(), result.getResponse().getStatus(), rest);
        }
    }

    private void parse(byte[] bytes) {
        JsonNode message;
        try {
            message = JsonRpc.parse(bytes);
        } catch (IOException e) {
            if (invalid == null) {
                invalid = "answered with invalid JSON: " + e.getMessage();
            }
            return;
        }
        if (message instanceof ObjectNode object) {
            messages.accept(object);
        } else if (message.isArray()) {
            message.forEach(element -> {
                if (element instanceof ObjectNode object) {
                    messages.accept(object);
                }
            });
        }
    }
}
