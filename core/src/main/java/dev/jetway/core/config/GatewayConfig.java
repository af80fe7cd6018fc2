package dev.jetway.core.config;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The config file's top level, with agentgateway's field names. Keys agentgateway has and jetway does not support
 * yet are bound too, so that they can be refused by name rather than as unknown.
 */
public record GatewayConfig(
        GlobalSettings config,
        List<BindConfig> binds,
        List<ObjectNode> backends,
        FrontendPolicies frontendPolicies,
        JsonNode policies,
        JsonNode workloads,
        JsonNode services,
        JsonNode llm,
        JsonNode mcp) {

    public GatewayConfig {
        config = config == null ? GlobalSettings.DEFAULT : config;
        binds = binds == null ? List.of() : List.copyOf(binds);
        backends = backends == null ? List.of() : List.copyOf(backends);
        frontendPolicies = frontendPolicies == null ? FrontendPolicies.NONE : frontendPolicies;
    }
}
