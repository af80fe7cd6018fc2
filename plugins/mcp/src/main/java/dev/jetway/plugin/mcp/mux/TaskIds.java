package dev.jetway.plugin.mcp.mux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Qualifies the ids of tasks (MCP 2025-11-25) that targets run with their target, so that {@code tasks/get},
 * {@code tasks/result} and {@code tasks/cancel} can be routed back to the target that made the task: every place a
 * target hands a task id to the client is rewritten.
 */
final class TaskIds {

    /** The {@code _meta} key that ties a result, request or notification to a task. */
    static final String RELATED_TASK = "io.modelcontextprotocol/related-task";

    private TaskIds() {
    }

    /**
     * In a result: the task of a {@code CreateTaskResult} (a task-augmented {@code tools/call}), a task itself (the
     * result of {@code tasks/get} and {@code tasks/cancel}), and the related task in {@code _meta} (the result of
     * {@code tasks/result}).
     */
    static void qualifyResult(ObjectNode result, String target, Naming naming) {
        qualify(result.get("task"), target, naming);
        qualify(result, target, naming);
        qualifyRelated(result, target, naming);
    }

    /** In the {@code params} of a target's request or notification: the task it is about. */
    static void qualifyRelated(ObjectNode params, String target, Naming naming) {
        qualify(params.path("_meta").get(RELATED_TASK), target, naming);
    }

    static void qualify(JsonNode holder, String target, Naming naming) {
        if (holder instanceof ObjectNode object && object.path("taskId").isTextual()) {
            object.put("taskId", naming.taskId(target, object.get("taskId").asText()));
        }
    }
}
