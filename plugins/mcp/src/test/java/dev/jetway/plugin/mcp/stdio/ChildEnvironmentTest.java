package dev.jetway.plugin.mcp.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ChildEnvironmentTest {

    private static Map<String, String> childOf(List<String> command, Map<String, String> own) {
        Map<String, String> environment = new HashMap<>(Map.of("PATH", "/usr/bin", "SESSION_KEY", "secret", "LC_ALL", "C"));
        ChildEnvironment.apply(environment, command, own);
        return environment;
    }

    @Test
    void npxIsToldToInstallWithoutAsking() {
        assertEquals("true", childOf(List.of("npx", "@modelcontextprotocol/server-everything"), Map.of()).get("npm_config_yes"));
        assertEquals("true", childOf(List.of("/usr/local/bin/npx", "-y", "pkg"), Map.of()).get("npm_config_yes"));
    }

    @Test
    void theTargetsEnvWinsOverWhatNpxImplies() {
        assertEquals("false", childOf(List.of("npx", "pkg"), Map.of("npm_config_yes", "false")).get("npm_config_yes"));
    }

    @Test
    void otherCommandsGetTheBaseEnvironmentAndTheirOwnOnly() {
        Map<String, String> child = childOf(List.of("node", "npx"), Map.of("GREETING", "hello"));
        assertEquals(Map.of("PATH", "/usr/bin", "LC_ALL", "C", "GREETING", "hello"), child);
        assertFalse(childOf(List.of("uvx", "mcp-server-time"), Map.of()).containsKey("npm_config_yes"));
    }
}
