package dev.jetway.plugin.mcp.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The reference doc's stdio target is {@code npx <package>}, which npm fetches on first use; where npm is configured
 * {@code yes=false} (in the user's {@code .npmrc} here), npx refuses to install without a terminal to ask on. The
 * package is a local folder (no registry needed) that npx has never installed: npx must install it without asking.
 */
class NpxTargetIT {

    @TempDir
    Path dir;

    @Test
    void anNpxTargetStartsWhereNpmIsConfiguredNotToAssumeYes() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve(".npmrc"), "yes=false\n");
        Path pkg = Files.createDirectories(dir.resolve("probe"));
        Files.writeString(pkg.resolve("package.json"), """
                {"name":"jetway-npx-probe","version":"1.0.0","bin":{"jetway-npx-probe":"probe.mjs"}}""");
        // server-everything itself, in stdio mode, from the copy the tests installed.
        Files.writeString(pkg.resolve("probe.mjs"), """
                #!/usr/bin/env node
                process.argv.splice(2, process.argv.length - 2, "stdio");
                await import(%s);
                """.formatted(new ObjectMapper()
                .writeValueAsString(Everything.entryPoint().toUri().toString())));
        pkg.resolve("probe.mjs").toFile().setExecutable(true);

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
                            stdio: {cmd: npx, args: ["--package=file:%s", jetway-npx-probe]}
                """.formatted(port, pkg));
        try (JetwayProcess jetway = JetwayProcess.main(config, Map.of("HOME", home.toString()), dir.resolve("jetway.log"), port)) {
            PlainMcpSession session = PlainMcpSession.open("http://127.0.0.1:" + port + "/mcp");
            JsonNode echoed = PlainMcpSession.response(session.call(2, "echo", "{\"message\":\"installed without asking\"}"));
            assertEquals("Echo: installed without asking", echoed.path("result").path("content").path(0).path("text").asText(),
                    echoed.toString());
        }
    }
}
