package dev.jetway.core.server;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.config.ConfigPath;
import dev.jetway.core.config.FrontendPolicies;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.config.GlobalSettings;
import dev.jetway.core.config.Problems;

/** Refuses, by name, the agentgateway settings jetway does not support yet, rather than as unknown keys. */
final class UnsupportedSettings {

    private UnsupportedSettings() {
    }

    static void check(GatewayConfig config, Problems problems) {
        Map<String, JsonNode> top = new LinkedHashMap<>();
        top.put("policies", config.policies());
        top.put("workloads", config.workloads());
        top.put("services", config.services());
        top.put("llm", config.llm());
        top.put("mcp", config.mcp());
        top.forEach((key, value) -> reject(ConfigPath.ROOT.key(key), value, problems));
        GlobalSettings s = config.config();
        Map<String, JsonNode> settings = new LinkedHashMap<>();
        settings.put("enableIpv6", s.enableIpv6());
        settings.put("dns", s.dns());
        settings.put("localXdsPath", s.localXdsPath());
        settings.put("caAddress", s.caAddress());
        settings.put("caAuthToken", s.caAuthToken());
        settings.put("xdsAddress", s.xdsAddress());
        settings.put("xdsAuthToken", s.xdsAuthToken());
        settings.put("namespace", s.namespace());
        settings.put("gateway", s.gateway());
        settings.put("trustDomain", s.trustDomain());
        settings.put("serviceAccount", s.serviceAccount());
        settings.put("clusterId", s.clusterId());
        settings.put("network", s.network());
        settings.put("connectionMinTerminationDeadline", s.connectionMinTerminationDeadline());
        settings.put("workerThreads", s.workerThreads());
        settings.put("metrics", s.metrics());
        settings.put("backend", s.backend());
        settings.put("hbone", s.hbone());
        settings.forEach((key, value) -> reject(ConfigPath.ROOT.key("config").key(key), value, problems));
        FrontendPolicies frontend = config.frontendPolicies();
        Map<String, JsonNode> frontendPolicies = new LinkedHashMap<>();
        frontendPolicies.put("http", frontend.http());
        frontendPolicies.put("tls", frontend.tls());
        frontendPolicies.put("tcp", frontend.tcp());
        frontendPolicies.put("networkAuthorization", frontend.networkAuthorization());
        frontendPolicies.forEach((key, value) -> reject(ConfigPath.ROOT.key("frontendPolicies").key(key), value, problems));
    }

    private static void reject(ConfigPath path, JsonNode value, Problems problems) {
        boolean empty = value == null || value.isNull() || (value.isContainerNode() && value.isEmpty());
        if (!empty) {
            problems.addAtKey(path, "\"" + path.lastKey() + "\" is an agentgateway setting that jetway does not support yet");
        }
    }
}
