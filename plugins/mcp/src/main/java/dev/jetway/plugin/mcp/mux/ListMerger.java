package dev.jetway.plugin.mcp.mux;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BinaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;

/**
 * Merges one page of a list from each target: items keep their order, target by target, with names, URIs or task
 * ids qualified by their target; the next cursor remembers where each target with more pages stopped.
 */
final class ListMerger implements Plan.Merger {

    private final String items;
    private final String key;
    /** (target, the target's own name) to the name clients see. */
    private final BinaryOperator<String> qualify;

    private ListMerger(String items, String key, BinaryOperator<String> qualify) {
        this.items = items;
        this.key = key;
        this.qualify = qualify;
    }

    static ListMerger of(ListKind kind, Naming naming) {
        return new ListMerger(kind.items, kind.key, kind.uri ? naming::uri : naming::name);
    }

    /** {@code tasks/list}: the tasks of every target, by qualified task id. */
    static ListMerger tasks(Naming naming) {
        return new ListMerger("tasks", "taskId", naming::taskId);
    }

    @Override
    public ObjectNode merge(Map<String, ObjectNode> results) {
        ObjectNode merged = JsonRpc.object();
        ArrayNode all = merged.putArray(items);
        Map<String, String> more = new LinkedHashMap<>();
        results.forEach((target, result) -> {
            for (JsonNode item : result.path(items)) {
                if (item instanceof ObjectNode object && object.path(key).isTextual()) {
                    object.put(key, qualify.apply(target, object.get(key).asText()));
                }
                all.add(item);
            }
            JsonNode next = result.get("nextCursor");
            if (next != null && next.isTextual() && !next.asText().isEmpty()) {
                more.put(target, next.asText());
            }
        });
        if (!more.isEmpty()) {
            merged.put("nextCursor", FanOutCursor.encode(more));
        }
        return merged;
    }
}
