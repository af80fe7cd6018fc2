package dev.jetway.plugin.mcp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of {@code targets}: {@code {name: everything, stdio: {...}}}. The key beside {@code name} selects the kind
 * of target; kinds come from {@link dev.jetway.plugin.mcp.spi.McpTargetFactory} extensions, so their keys are
 * collected here and bound once the kind is known.
 *
 * @param policies agentgateway's per-target policies, which jetway refuses by name until it supports them
 * @param kinds    every other key, by name: exactly one is expected, naming a kind of target
 */
public record McpTargetConfig(String name, JsonNode policies, @JsonAnySetter Map<String, JsonNode> kinds) {
    public McpTargetConfig {
        kinds = kinds == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
    }
}
