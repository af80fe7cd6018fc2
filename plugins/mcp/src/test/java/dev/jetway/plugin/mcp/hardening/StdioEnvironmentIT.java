package dev.jetway.plugin.mcp.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetway.core.testing.JetwayProcess;
import dev.jetway.plugin.mcp.testing.Everything;
import dev.jetway.plugin.mcp.testing.PlainMcpSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stdio child is code the gateway does not control: it must not see the gateway's secrets. server-everything's
 * {@code get-env} tool shows the child's whole environment, as an attacker's tool would.
 */
class StdioEnvironmentIT {

    private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    @Test
    void childrenSeeABaseEnvironmentAndTheirOwnNeverTheGatewaysSecrets() throws Exception {
        int port = JetwayProcess.freePort();
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                binds:
                - port: %d
                  listeners:
                  - routes:
                    - backends:
                      - mcp:
                          targets:
                          - name: everything
                            stdio:
                              cmd: node
                              args: ["%s", stdio]
                              env: {GREETING: hello, TOKEN_FOR_CHILD: $UPSTREAM_TOKEN}
                """.formatted(port, Everything.entryPoint()));
        Map<String, String> secrets = Map.of("SESSION_KEY", KEY, "UPSTREAM_TOKEN", "for-the-child-only",
                "DATABASE_PASSWORD", "hunter2", "LC_ALL", "C.UTF-8");
        try (JetwayProcess jetway = JetwayProcess.main(config, secrets, dir.resolve("jetway.log"), port)) {
            PlainMcpSession session = PlainMcpSession.open("http://127.0.0.1:" + port + "/mcp");
            HttpResponse<String> reply = session.call(2, "get-env", "{}");
            JsonNode result = PlainMcpSession.response(reply);
            JsonNode env = new ObjectMapper().readTree(result.path("result").path("content").get(0).path("text").asText());
            assertFalse(env.has("SESSION_KEY"), env.toString());
            assertFalse(env.has("DATABASE_PASSWORD"), env.toString());
            assertFalse(env.has("UPSTREAM_TOKEN"), env.toString());
            assertFalse(reply.body().contains(KEY), reply.body());
            assertEquals("hello", env.path("GREETING").asText(), env.toString());
            assertEquals("for-the-child-only", env.path("TOKEN_FOR_CHILD").asText(), env.toString());
            assertEquals(System.getenv("PATH"), env.path("PATH").asText());
            assertEquals("C.UTF-8", env.path("LC_ALL").asText());
            assertTrue(env.has("HOME") == (System.getenv("HOME") != null), env.toString());
        }
    }
}
