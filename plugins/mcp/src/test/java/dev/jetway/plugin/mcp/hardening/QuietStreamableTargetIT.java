package dev.jetway.plugin.mcp.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.jetway.core.testing.JetwayProcess;
import dev.jetway.plugin.mcp.testing.Everything;
import dev.jetway.plugin.mcp.testing.PlainMcpSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A streamable HTTP target that answers every request well leaves no WARN in the gateway's log: server-everything
 * opens each answer with a priming event (an id and no data), and answers with the ids the gateway sent.
 */
class QuietStreamableTargetIT {

    @TempDir
    Path dir;

    @Test
    void answeredRequestsLogNoWarnings() throws Exception {
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
                            mcp: {host: "%s"}
                """.formatted(port, Everything.shared("streamableHttp").url("/mcp")));
        try (JetwayProcess jetway = JetwayProcess.main(config, dir.resolve("jetway.log"), port)) {
            PlainMcpSession session = PlainMcpSession.open("http://127.0.0.1:" + port + "/mcp");
            assertTrue(session.list("tools/list", "tools", "name").contains("echo"));
            for (int i = 0; i < 3; i++) {
                assertTrue(session.call(10 + i, "echo", "{\"message\":\"hi\"}").body().contains("Echo: hi"));
            }
            assertEquals(202, session.delete().statusCode());
            List<String> warnings = jetway.log().lines().filter(line -> line.contains(":WARN") || line.contains(" WARN ")).toList();
            assertEquals(List.of(), warnings, jetway.log());
        }
    }
}
