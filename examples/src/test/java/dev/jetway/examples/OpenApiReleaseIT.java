package dev.jetway.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.testing.JetwayProcess;
import dev.jetway.core.testing.Release;
import dev.jetway.core.testing.Upstream;
import dev.jetway.plugin.mcp.testing.PlainMcpSession;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mcp-openapi plugin as a user gets it: unpacked from the release with its own libraries in
 * {@code plugins/mcp-openapi/lib/} (none in the kernel's {@code lib/}), loaded by PF4J as a plugin that depends on the
 * mcp plugin, serving the example's Petstore document in front of a real HTTP API.
 */
class OpenApiReleaseIT {

    @TempDir
    Path dir;

    @Test
    void theBundledPluginServesTheExamplesDocumentFromAnUnpackedRelease() throws Exception {
        Path home = Release.unpack(dir);
        assertTrue(Files.exists(home.resolve("plugins/mcp-openapi/plugin.properties")));
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            assertTrue(lib.noneMatch(jar -> jar.getFileName().toString().startsWith("swagger")), "swagger jars belong to the plugin");
        }
        try (Stream<Path> lib = Files.list(home.resolve("plugins/mcp-openapi/lib"))) {
            assertTrue(lib.noneMatch(jar -> jar.getFileName().toString().startsWith("jackson-databind")), "jackson is the kernel's");
        }

        try (Upstream petstore = Upstream.start(new PetById())) {
            int port = JetwayProcess.freePort();
            Path config = Files.writeString(dir.resolve("config.yaml"), """
                    binds:
                    - port: %d
                      listeners:
                      - routes:
                        - backends:
                          - mcp:
                              targets:
                              - name: petstore
                                openapi: {host: "%s", schema: {file: %s}}
                    """.formatted(port, petstore.address(), home.resolve("examples/openapi/openapi.json")));
            try (JetwayProcess jetway = Release.start(home, config, dir.resolve("jetway.log"), port)) {
                assertTrue(jetway.log().contains("Plugin mcp-openapi 0.1.0-SNAPSHOT (STARTED) from "
                        + home.resolve("plugins/mcp-openapi")), jetway.log());
                PlainMcpSession session = PlainMcpSession.open("http://127.0.0.1:" + port + "/mcp");
                JsonNode tools = PlainMcpSession.response(session.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}"));
                assertEquals(19, tools.at("/result/tools").size(), tools.toString());
                JsonNode pet = PlainMcpSession.response(session.call(3, "getPetById", "{\"path\": {\"petId\": 1}}"));
                assertFalse(pet.at("/result/isError").asBoolean(), pet.toString());
                assertEquals("Rex", pet.at("/result/structuredContent/name").asText(), pet.toString());
            }
        }
    }

    /** The one Petstore operation this test calls. */
    private static final class PetById extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            boolean found = Request.getPathInContext(request).equals("/api/v3/pet/1");
            response.setStatus(found ? 200 : 404);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, found ? "application/json" : "text/plain");
            Content.Sink.write(response, true, found ? "{\"id\":1,\"name\":\"Rex\",\"photoUrls\":[]}" : "Pet not found", callback);
            return true;
        }
    }
}
