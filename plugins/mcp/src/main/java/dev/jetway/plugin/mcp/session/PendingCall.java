package dev.jetway.plugin.mcp.session;

import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A request the gateway sent to one target and awaits the answer of, until its deadline. */
final class PendingCall implements Deadlines.Watched {

    /** How a pending call ends: exactly one of these is called, once. */
    interface Completion {
        /** The target answered, with a result or a JSON-RPC error; the response carries the upstream id. */
        void answered(ObjectNode response);

        /** The target did not answer: it is gone, the request could not be delivered, or it took too long. */
        void failed(int code, String reason);
    }

    final long id;
    final Link link;
    final String method;
    /** The client's id of the request this call serves, as JSON text; {@code null} for the gateway's own calls. */
    final String clientKey;
    /** Where messages related to the call go; {@code null} for the gateway's own calls. */
    final ClientExchange exchange;
    final Completion completion;
    /** The client's progress token, as JSON text, or {@code null}. */
    final String progressToken;
    private final Consumer<PendingCall> onExpiry;
    private volatile long deadline;

    PendingCall(long id, Link link, String method, JsonNode clientId, ClientExchange exchange, Completion completion,
                JsonNode progressToken, Consumer<PendingCall> onExpiry) {
        this.id = id;
        this.link = link;
        this.method = method;
        this.clientKey = clientId == null ? null : clientId.toString();
        this.exchange = exchange;
        this.completion = completion;
        this.progressToken = progressToken == null ? null : progressToken.toString();
        this.onExpiry = onExpiry;
    }

    /** Gives the target until {@code nanos} from now. */
    void deadlineIn(long nanos) {
        deadline = System.nanoTime() + nanos;
    }

    @Override
    public long deadline() {
        return deadline;
    }

    @Override
    public void expired() {
        onExpiry.accept(this);
    }
}
