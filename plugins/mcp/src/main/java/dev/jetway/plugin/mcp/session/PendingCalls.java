package dev.jetway.plugin.mcp.session;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests a session has sent to its targets and awaits answers to. Every request leaves with an id of the
 * gateway's (unique in the session across targets), so that answers find their way back whatever ids clients chose,
 * and a bounded time to be answered.
 */
final class PendingCalls {

    private static final Logger LOG = LoggerFactory.getLogger(PendingCalls.class);

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, PendingCall> calls = new ConcurrentHashMap<>();
    private final Deadlines deadlines;
    private final Duration timeout;
    private final Runnable settled;

    /** @param settled runs whenever a call ends (answered, failed, timed out): the session's last activity */
    PendingCalls(Deadlines deadlines, Duration timeout, Runnable settled) {
        this.deadlines = deadlines;
        this.timeout = timeout;
        this.settled = settled;
    }

    /**
     * Sends {@code request} to {@code link} under a fresh id.
     *
     * @param clientId the client's id of the request served, or {@code null} for the gateway's own requests
     * @param exchange where related messages go, or {@code null}
     */
    void send(Link link, ObjectNode request, JsonNode clientId, ClientExchange exchange, PendingCall.Completion completion) {
        long id = ids.incrementAndGet();
        request.put("id", id);
        JsonNode token = request.path("params").path("_meta").get("progressToken");
        PendingCall call = new PendingCall(id, link, JsonRpc.method(request), clientId, exchange, completion, token, this::timedOut);
        calls.put(id, call);
        arm(call);
        link.send(request, exchange == null ? Map.of() : exchange.traceHeaders());
    }

    /** Completes the call {@code response} answers; returns false when no call awaits it. */
    boolean answered(ObjectNode response) {
        PendingCall call = take(response.get("id"));
        if (call == null) {
            return false;
        }
        call.completion.answered(response);
        return true;
    }

    void failed(JsonNode id, int code, String reason) {
        PendingCall call = take(id);
        if (call != null) {
            call.completion.failed(code, reason);
        }
    }

    /** Fails every call awaiting {@code link}, which will not answer any more. */
    void failAll(Link link, int code, String reason) {
        for (PendingCall call : List.copyOf(calls.values())) {
            if (call.link == link && calls.remove(call.id, call)) {
                deadlines.forget(call);
                settled.run();
                call.completion.failed(code, reason);
            }
        }
    }

    /** The call that an upstream message relates to, by the upstream's request id. */
    PendingCall byUpstreamId(JsonNode id) {
        Long key = key(id);
        return key == null ? null : calls.get(key);
    }

    /**
     * The call a progress notification is about; its time to answer starts again, as a target that reports
     * progress is not hanging.
     */
    PendingCall progressed(Link link, JsonNode token) {
        if (token == null) {
            return null;
        }
        String key = token.toString();
        for (PendingCall call : calls.values()) {
            if (call.link == link && key.equals(call.progressToken)) {
                arm(call);
                return call;
            }
        }
        return null;
    }

    boolean isEmpty() {
        return calls.isEmpty();
    }

    int size() {
        return calls.size();
    }

    /** The calls that serve the client request with id {@code clientKey} (several when fanned out). */
    List<PendingCall> forClient(String clientKey) {
        return calls.values().stream().filter(call -> clientKey.equals(call.clientKey)).toList();
    }

    /** The most recent call still in progress for a client, whose response stream is open, or {@code null}. */
    PendingCall latestWithExchange() {
        PendingCall latest = null;
        for (PendingCall call : calls.values()) {
            if (call.exchange != null && (latest == null || call.id > latest.id)) {
                latest = call;
            }
        }
        return latest;
    }

    private void arm(PendingCall call) {
        call.deadlineIn(timeout.toNanos());
        deadlines.watch(call);
    }

    private void timedOut(PendingCall call) {
        if (!calls.remove(call.id, call)) {
            return;
        }
        settled.run();
        LOG.warn("MCP target \"{}\" did not answer {} (id {}) within {}", call.link.name(), call.method, call.id, Durations.text(timeout));
        ObjectNode params = JsonRpc.object().put("requestId", call.id).put("reason", "timed out in the gateway");
        call.link.send(JsonRpc.notification("notifications/cancelled", params));
        call.completion.failed(JsonRpc.REQUEST_TIMEOUT, "did not answer " + call.method + " within " + Durations.text(timeout));
    }

    private PendingCall take(JsonNode id) {
        Long key = key(id);
        PendingCall call = key == null ? null : calls.remove(key);
        if (call != null) {
            deadlines.forget(call);
            settled.run();
        }
        return call;
    }

    /** Ids leave as numbers; some upstreams send them back as strings. */
    private static Long key(JsonNode id) {
        if (id == null) {
            return null;
        }
        if (id.isIntegralNumber()) {
            return id.asLong();
        }
        if (id.isTextual()) {
            try {
                return Long.parseLong(id.asText());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
