package dev.jetway.plugin.mcp.testing;

import java.util.Map;

import io.modelcontextprotocol.spec.McpSchema;

/** Requests and answers of the Java MCP SDK, built the way the SDK recommends. */
public final class Mcp {

    private Mcp() {
    }

    public static McpSchema.CallToolRequest call(String tool, Map<String, Object> arguments) {
        return McpSchema.CallToolRequest.builder(tool).arguments(arguments).build();
    }

    public static McpSchema.CallToolRequest call(String tool, Map<String, Object> arguments, String progressToken) {
        return McpSchema.CallToolRequest.builder(tool).arguments(arguments).progressToken(progressToken).build();
    }

    public static McpSchema.ReadResourceRequest read(String uri) {
        return McpSchema.ReadResourceRequest.builder(uri).build();
    }

    public static McpSchema.GetPromptRequest prompt(String name) {
        return McpSchema.GetPromptRequest.builder(name).build();
    }

    public static McpSchema.SubscribeRequest subscribe(String uri) {
        return McpSchema.SubscribeRequest.builder(uri).build();
    }

    /** What a client's model "answers" to a sampling request. */
    public static McpSchema.CreateMessageResult sampled(String text) {
        return McpSchema.CreateMessageResult.builder(McpSchema.Role.ASSISTANT, McpSchema.TextContent.builder(text).build(), "test-model").build();
    }

    /** The text of a tool's first content block. */
    public static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }
}
