package dev.jetway.plugin.mcp;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code prefixMode}: when tools, prompts and resources are named after their target. */
public enum McpPrefixMode {
    /** Only with more than one target (the default). */
    @JsonProperty("conditional") CONDITIONAL,
    /** Always, even with one target. */
    @JsonProperty("always") ALWAYS
}
