package dev.jetway.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: exit codes and what it prints. */
class MainTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void versionIsPrinted() {
        Run run = run("-V");
        assertEquals(0, run.status());
        assertTrue(run.out().matches("jetway \\d+\\.\\d+\\.\\d+.*\\n"), run.out());
    }

    @Test
    void validateOnlyAcceptsAGoodConfigFromAFile() throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), """
                binds:
                - port: 3000
                  listeners:
                  - routes:
                    - backends:
                      - testEcho: {name: a}
                """);
        Run run = run("-f", config.toString(), "--validate-only");
        assertEquals(0, run.status(), run.err());
        assertEquals(config + ": config is valid\n", run.out());
    }

    @Test
    void validateOnlyAcceptsJson() throws Exception {
        Path config = Files.writeString(dir.resolve("config.json"), """
                {"binds": [{"port": 3000, "listeners": [{"routes": [{"backends": [{"testEcho": {"name": "a"}}]}]}]}]}
                """);
        assertEquals(0, run("--file", config.toString(), "--validate-only").status());
    }

    @Test
    void aBadConfigExitsOneWithEveryProblem() {
        Run run = run("-c", "binds:\n- port: 3000\n  listeners:\n  - protocol: HTTPS\n    routes: []\n- port: 3001\n  listeners:\n  - name: x\n",
                "--validate-only");
        assertEquals(1, run.status());
        assertEquals("""
                jetway: invalid config (2 problems):
                  <inline>:4:5: binds[0].listeners[0]: HTTPS listener requires 'tls'
                  <inline>:8:5: binds[1].listeners[0]: protocol HTTP requires 'routes'
                """, run.err());
    }

    @Test
    void aMissingFileIsReported() {
        Run run = run("-f", dir.resolve("missing.yaml").toString(), "--validate-only");
        assertEquals(1, run.status());
        assertTrue(run.err().contains("missing.yaml: config file not found"), run.err());
    }

    @Test
    void unknownArgumentsPrintUsage() {
        Run run = run("--frobnicate");
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("jetway: unknown argument \"--frobnicate\"\nUsage: jetway"), run.err());
    }

    @Test
    void aPortInUseFailsTheStartWithoutServingHalfAConfig() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Run run = run("--bind-address", "127.0.0.1", "-c", """
                    config: {adminAddr: "off", statsAddr: "off", readinessAddr: "off"}
                    binds:
                    - port: 0
                      listeners: [{routes: [{backends: [{testEcho: {name: a}}]}]}]
                    - port: %d
                      listeners: [{routes: [{backends: [{testEcho: {name: b}}]}]}]
                    """.formatted(taken.getLocalPort()));
            assertEquals(1, run.status());
            assertEquals("jetway: cannot start: listener \"listener0\": port " + taken.getLocalPort() + " on 127.0.0.1 is in use by"
                    + " another process (the bind's port: choose a free one, or stop the process that holds it)\n", run.err());
        }
    }
}
