package dev.jetway.plugin.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import dev.jetway.plugin.mcp.testing.Children;
import dev.jetway.plugin.mcp.testing.CurlSession;
import dev.jetway.plugin.mcp.testing.Everything;
import dev.jetway.plugin.mcp.testing.TlsGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the gateway ends every MCP session, and no child process outlives it. */
class GatewayStopIT {

    @TempDir
    Path dir;

    @Test
    void stoppingTheGatewayEndsEveryChildProcess() throws Exception {
        Set<ProcessHandle> before = Children.stdioServers();
        TlsGateway gateway = TlsGateway.start(dir, "targets:\n- name: everything\n  " + Everything.stdioYaml());
        for (int i = 0; i < 3; i++) {
            CurlSession session = CurlSession.open(gateway.caFile(), gateway.url() + "/mcp");
            assertTrue(session.call(2, "echo", "{\"message\":\"left open\"}").body().contains("Echo: left open"));
        }
        Set<ProcessHandle> mine = new HashSet<>(Children.stdioServers());
        mine.removeAll(before);
        assertEquals(3, mine.size(), "one child per open session");

        gateway.close();
        // Stopping waits for the children: none may be left when it returns.
        assertTrue(Children.awaitGone(mine, Duration.ofMillis(100)), "left running after stop: " + Children.pids(mine));
    }
}
