package dev.jetway.plugin.mcp.mux;

import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the gateway does with one client request when it multiplexes several targets. */
public sealed interface Plan {

    /** Send {@code request} to one target; its result goes back to the client through {@code result}. */
    record Forward(String target, ObjectNode request, UnaryOperator<ObjectNode> result) implements Plan {
    }

    /**
     * Send one request to each of several targets and answer with the merge of their results.
     *
     * @param requests          the request for each target, in config order
     * @param missingMethodIsEmpty whether a target answering "method not found" counts as having nothing to add
     *                          (a target without prompts in a {@code prompts/list}), rather than as a failure
     */
    record FanOut(Map<String, ObjectNode> requests, Merger merger, boolean missingMethodIsEmpty) implements Plan {
    }

    /** Answer at once with {@code result}. */
    record Answer(JsonNode result) implements Plan {
    }

    /** Answer at once with a JSON-RPC error. */
    record Reject(int code, String message) implements Plan {
    }

    /** Combines the results of a {@link FanOut}. */
    @FunctionalInterface
    interface Merger {
        /**
         * @param results each answering target's {@code result}, in config order; targets that failed (when failing
         *                open) or had nothing to add are absent
         */
        ObjectNode merge(Map<String, ObjectNode> results);
    }
}
