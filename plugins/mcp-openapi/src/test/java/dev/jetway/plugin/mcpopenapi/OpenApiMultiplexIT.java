package dev.jetway.plugin.mcpopenapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.jetway.plugin.mcp.testing.Everything;
import dev.jetway.plugin.mcp.testing.Mcp;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An openapi target beside a stdio server-everything: tools of both under their target's name, calls routed. */
class OpenApiMultiplexIT {

    @TempDir
    static Path dir;
    static PetstoreGateway setup;

    @BeforeAll
    static void start() throws Exception {
        setup = PetstoreGateway.start(dir, petstore -> """
                targets:
                - name: petstore
                  openapi: {host: "http://%s", schema: {file: openapi.json}}
                - name: everything
                  %s
                """.formatted(petstore, Everything.stdioYaml()));
    }

    @AfterAll
    static void stop() throws Exception {
        setup.close();
    }

    @Test
    void toolsOfBothTargetsAreListedAndCalledUnderTheirTargetsName() {
        try (McpSyncClient client = setup.client()) {
            List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            assertEquals(19, tools.stream().filter(name -> name.startsWith("petstore_")).count(), tools.toString());
            assertTrue(tools.containsAll(List.of("petstore_getPetById", "petstore_addPet", "everything_echo")), tools.toString());
            assertTrue(tools.stream().allMatch(name -> name.startsWith("petstore_") || name.startsWith("everything_")), tools.toString());

            McpSchema.CallToolResult pet = client.callTool(Mcp.call("petstore_getPetById", Map.of("path", Map.of("petId", 3))));
            assertFalse(pet.isError(), pet.toString());
            assertTrue(Mcp.text(pet).contains("\"name\":\"Nemo\""), Mcp.text(pet));
            McpSchema.CallToolResult echo = client.callTool(Mcp.call("everything_echo", Map.of("message", "hi")));
            assertEquals("Echo: hi", Mcp.text(echo));

            // Lists the openapi target does not offer are the other target's alone.
            List<String> prompts = client.listPrompts().prompts().stream().map(McpSchema.Prompt::name).toList();
            assertTrue(!prompts.isEmpty() && prompts.stream().allMatch(name -> name.startsWith("everything_")), prompts.toString());
        }
    }
}
