package dev.jetway.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.jetway.core.testing.JetwayProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second gateway started with the ports of a running one (a gateway of its own process) names the port it could
 * not take, what wanted it and where that is set, instead of the JDK's bare "Address already in use".
 */
class PortsInUseIT {

    @TempDir
    Path dir;

    @Test
    void aTakenPortIsNamedWithItsEndpointOrListener() throws Exception {
        int bind = JetwayProcess.freePort();
        int stats = JetwayProcess.freePort();
        try (JetwayProcess first = JetwayProcess.main(config("first", bind, "127.0.0.1:" + stats), dir.resolve("first.log"), bind)) {
            String statsTaken = start(config("second", JetwayProcess.freePort(), "127.0.0.1:" + stats));
            assertEquals("jetway: cannot start: stats endpoint: port " + stats + " on 127.0.0.1 is in use by another process"
                    + " (set config.statsAddr or STATS_ADDR to another address, or to off)\n", statsTaken, first.log());

            String bindTaken = start(config("third", bind, "off"));
            assertEquals("jetway: cannot start: listener \"third\": port " + bind + " on 127.0.0.1 is in use by another process"
                    + " (the bind's port: choose a free one, or stop the process that holds it)\n", bindTaken, first.log());
        }
    }

    private Path config(String listener, int port, String statsAddr) throws Exception {
        return Files.writeString(dir.resolve(listener + ".yaml"), """
                config:
                  adminAddr: off
                  statsAddr: %s
                  readinessAddr: off
                binds:
                - port: %d
                  listeners:
                  - name: %s
                    routes:
                    - backends:
                      - testEcho: {name: a}
                """.formatted(statsAddr, port, listener));
    }

    /** Runs jetway in this JVM on {@code config}; it must fail to start. @return what it printed on stderr */
    private static String start(Path config) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"-f", config.toString(), "--bind-address", "127.0.0.1"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, printed);
        return printed;
    }
}
