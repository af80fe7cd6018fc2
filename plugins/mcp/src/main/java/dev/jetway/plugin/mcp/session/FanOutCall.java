package dev.jetway.plugin.mcp.session;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import dev.jetway.plugin.mcp.mux.Plan;

/**
 * One request fanned out to several targets: it waits for every answer (or failure, or timeout) and then answers
 * with the merged result. Failing closed, any failure fails the whole; failing open, failed targets are left out
 * unless all failed.
 */
final class FanOutCall {

    /** What the fan-out ends with. */
    @FunctionalInterface
    interface Outcome {
        /**
         * @param response the response for the client (result or error), under the client's id
         * @param failures the targets that failed, with the error each would give the client
         */
        void done(ObjectNode response, Map<String, ObjectNode> failures);
    }

    private final McpSession session;
    private final Plan.FanOut plan;
    private final JsonNode clientId;
    private final ClientExchange exchange;
    private final boolean failOpen;
    private final Outcome outcome;
    private final Map<String, ObjectNode> results = new LinkedHashMap<>();
    private final Map<String, ObjectNode> failures = new LinkedHashMap<>();
    private int remaining;

    FanOutCall(McpSession session, Plan.FanOut plan, JsonNode clientId, ClientExchange exchange, boolean failOpen,
               Outcome outcome) {
        this.session = session;
        this.plan = plan;
        this.clientId = clientId;
        this.exchange = exchange;
        this.failOpen = failOpen;
        this.outcome = outcome;
    }

    void start() {
        synchronized (this) {
            remaining = plan.requests().size();
        }
        plan.requests().forEach((target, request) -> {
            Link link = session.link(target);
            if (!link.alive()) {
                failure(target, session.targetError(clientId, JsonRpc.INTERNAL_ERROR, link, link.failure()));
                return;
            }
            session.pending().send(link, request, clientId, exchange, new TargetAnswer(target, link));
        });
    }

    /** One target's part of the fan-out: its result, an empty one for a method it lacks, or its failure. */
    private final class TargetAnswer implements PendingCall.Completion {
        private final String target;
        private final Link link;

        TargetAnswer(String target, Link link) {
            this.target = target;
            this.link = link;
        }

        @Override
        public void answered(ObjectNode response) {
            if (!JsonRpc.isError(response)) {
                JsonNode result = response.get("result");
                success(target, result instanceof ObjectNode object ? object : JsonRpc.object());
            } else if (plan.missingMethodIsEmpty() && response.path("error").path("code").asInt() == JsonRpc.METHOD_NOT_FOUND) {
                success(target, null);
            } else {
                failure(target, session.targetError(clientId, response.path("error").path("code").asInt(JsonRpc.INTERNAL_ERROR),
                        link, "answered with an error: " + JsonRpc.errorMessage(response)));
            }
        }

        @Override
        public void failed(int code, String reason) {
            failure(target, session.targetError(clientId, code, link, reason));
        }
    }

    private void success(String target, ObjectNode result) {
        synchronized (this) {
            if (result != null) {
                results.put(target, result);
            }
        }
        countDown();
    }

    private void failure(String target, ObjectNode error) {
        synchronized (this) {
            failures.put(target, error);
        }
        countDown();
    }

    private void countDown() {
        synchronized (this) {
            if (--remaining > 0) {
                return;
            }
        }
        outcome.done(response(), failures);
    }

    private ObjectNode response() {
        if (!failures.isEmpty() && (!failOpen || results.isEmpty() && failures.size() == plan.requests().size())) {
            return failures.values().iterator().next();
        }
        Map<String, ObjectNode> ordered = new LinkedHashMap<>();
        for (String target : plan.requests().keySet()) {
            if (results.containsKey(target)) {
                ordered.put(target, results.get(target));
            }
        }
        return JsonRpc.result(clientId, plan.merger().merge(ordered));
    }
}
