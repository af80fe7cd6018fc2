package dev.jetway.plugin.a2a;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent card on its way to the client: a successful, unencoded answer of at most {@link A2aHandler#MAX_BODY} bytes
 * is held until complete, and its top-level {@code url} replaced with where the client reached the agent. Anything
 * else (an error, a compressed or larger body, a body that is not a JSON object with a {@code url}) passes unchanged.
 */
final class AgentCardResponse extends Response.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(AgentCardResponse.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private boolean decided;
    /** The card so far, while it is held; {@code null} once the answer passes through. */
    private ByteArrayOutputStream card;
    private int heldStatus;

    AgentCardResponse(Request request, Response response, String url) {
        super(request, response);
        this.url = url;
    }

    /** {@code callback}, which first sends a card still held when the exchange completes without a last write. */
    Callback callback(Callback callback) {
        return new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                if (card == null) {
                    super.succeeded();
                } else {
                    sendCard(Callback.from(super::succeeded, this::failed));
                }
            }
        };
    }

    @Override
    public void write(boolean last, ByteBuffer content, Callback callback) {
        if (!decided) {
            decided = true;
            if (holdable()) {
                card = new ByteArrayOutputStream();
                heldStatus = getStatus();
            }
        }
        if (card == null) {
            super.write(last, content, callback);
            return;
        }
        if (getStatus() != heldStatus) {
            // The exchange failed part way and its error answer replaces the card.
            card = null;
            super.write(last, content, callback);
            return;
        }
        if (content != null) {
            byte[] bytes = new byte[content.remaining()];
            content.slice().get(bytes);
            card.writeBytes(bytes);
        }
        if (card.size() > A2aHandler.MAX_BODY) {
            byte[] held = card.toByteArray();
            card = null;
            super.write(last, ByteBuffer.wrap(held), callback);
        } else if (last) {
            sendCard(callback);
        } else {
            callback.succeeded();
        }
    }

    private boolean holdable() {
        return HttpStatus.isSuccess(getStatus()) && !getHeaders().contains(HttpHeader.CONTENT_ENCODING)
                && getHeaders().getLongField(HttpHeader.CONTENT_LENGTH) <= A2aHandler.MAX_BODY;
    }

    private void sendCard(Callback callback) {
        byte[] body = rewrite(card.toByteArray());
        card = null;
        getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        super.write(true, body.length == 0 ? BufferUtil.EMPTY_BUFFER : ByteBuffer.wrap(body), callback);
    }

    private byte[] rewrite(byte[] body) {
        try {
            JsonNode parsed = JSON.readTree(body);
            if (parsed instanceof ObjectNode object && object.has("url")) {
                object.put("url", url);
                return JSON.writeValueAsBytes(object);
            }
            LOG.debug("Agent card without a url, passed unchanged");
        } catch (IOException e) {
            LOG.debug("Agent card is not JSON, passed unchanged: {}", e.getMessage());
        }
        return body;
    }
}
