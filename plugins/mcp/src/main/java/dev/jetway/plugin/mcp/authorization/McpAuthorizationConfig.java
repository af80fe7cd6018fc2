package dev.jetway.plugin.mcp.authorization;

import java.util.List;

/**
 * {@code mcpAuthorization: {rules: [...]}}: CEL rules over {@code mcp.tool}, {@code mcp.prompt}, {@code mcp.resource}
 * (each with {@code name} and {@code target}), {@code jwt} and the request. A rule is a string (an allow rule) or
 * one of {@code {allow: ...}}, {@code {deny: ...}}, {@code {require: ...}}.
 */
public record McpAuthorizationConfig(List<Object> rules) {
}
