package dev.jetway.plugin.mcp.mux;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;

/**
 * Merges one page of a list from each target: items keep their order, target by target, with names or URIs
 * qualified by their target; the next cursor remembers where each target with more pages stopped.
 */
final class ListMerger implements Plan.Merger {

    private final ListKind kind;
    private final Naming naming;

    ListMerger(ListKind kind, Naming naming) {
        this.kind = kind;
        this.naming = naming;
    }

    @Override
    public ObjectNode merge(Map<String, ObjectNode> results) {
        ObjectNode merged = JsonRpc.object();
        ArrayNode items = merged.putArray(kind.items);
        Map<String, String> more = new LinkedHashMap<>();
        results.forEach((target, result) -> {
            for (JsonNode item : result.path(kind.items)) {
                if (item instanceof ObjectNode object && object.path(kind.key).isTextual()) {
                    String local = object.get(kind.key).asText();
                    object.put(kind.key, kind.uri ? naming.uri(target, local) : naming.name(target, local));
                }
                items.add(item);
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
