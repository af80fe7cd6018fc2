package dev.jetway.plugin.mcp;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code statefulMode}: whether MCP sessions persist between HTTP requests. */
public enum McpStatefulMode {
    /** Sessions with ids and upstreams that live between requests (the default). */
    @JsonProperty("stateful") STATEFUL,
    /** Each POST is served alone, by upstreams opened for it; GET and DELETE are refused. */
    @JsonProperty("stateless") STATELESS
}
