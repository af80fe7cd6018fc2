package dev.jetway.plugin.mcpopenapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetway.plugin.mcp.testing.CurlSession;
import dev.jetway.plugin.mcp.testing.Mcp;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Swagger Petstore's own OpenAPI document behind a real gateway, calling a real HTTP Petstore, as the Java MCP
 * SDK sees it: every operation a tool, calls turned into the API's requests, its answers into tool results.
 */
class OpenApiTargetIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static PetstoreGateway setup;
    static Petstore petstore;

    @BeforeAll
    static void start() throws Exception {
        setup = PetstoreGateway.start(dir, address -> """
                targets:
                - name: petstore
                  openapi:
                    host: %s
                    schema: {file: openapi.json}
                """.formatted(address));
        petstore = setup.petstore();
    }

    @AfterAll
    static void stop() throws Exception {
        setup.close();
    }

    static McpSyncClient client() {
        return setup.client();
    }

    @Test
    void initializeOffersToolsAndNamesTheApi() {
        try (McpSyncClient client = client()) {
            McpSchema.InitializeResult init = client.getCurrentInitializationResult();
            assertEquals("Swagger Petstore - OpenAPI 3.0", init.serverInfo().name());
            assertEquals("1.0.26", init.serverInfo().version());
            assertTrue(init.capabilities().tools() != null);
            assertTrue(init.capabilities().prompts() == null && init.capabilities().resources() == null);
            client.ping();
        }
    }

    @Test
    void everyOperationIsAToolWithAnInputSchema() {
        try (McpSyncClient client = client()) {
            List<McpSchema.Tool> tools = client.listTools().tools();
            assertEquals(List.of("updatePet", "addPet", "findPetsByStatus", "findPetsByTags", "getPetById",
                    "updatePetWithForm", "deletePet", "uploadFile", "getInventory", "placeOrder", "getOrderById",
                    "deleteOrder", "createUser", "createUsersWithListInput", "loginUser", "logoutUser", "getUserByName",
                    "updateUser", "deleteUser"), tools.stream().map(McpSchema.Tool::name).toList());
            JsonNode getPetById = schema(tools, "getPetById");
            assertEquals("integer", getPetById.at("/properties/path/properties/petId/type").asText(), getPetById.toString());
            assertEquals("ID of pet to return", getPetById.at("/properties/path/properties/petId/description").asText());
            assertEquals("[\"petId\"]", getPetById.at("/properties/path/required").toString());
            assertEquals("[\"path\"]", getPetById.get("required").toString());
            McpSchema.Tool tool = tools.stream().filter(t -> t.name().equals("getPetById")).findFirst().orElseThrow();
            assertEquals("Find pet by ID.", tool.title());
            assertEquals("Returns a single pet.", tool.description());

            JsonNode addPet = schema(tools, "addPet");
            assertEquals("#/$defs/Pet", addPet.at("/properties/body/$ref").asText(), addPet.toString());
            assertEquals(List.of("Category", "Pet", "Tag"), names(addPet.get("$defs")));
            assertEquals("#/$defs/Category", addPet.at("/$defs/Pet/properties/category/$ref").asText());
            assertEquals("[\"body\"]", addPet.get("required").toString());

            JsonNode findByStatus = schema(tools, "findPetsByStatus");
            assertEquals("[\"available\",\"pending\",\"sold\"]", findByStatus.at("/properties/query/properties/status/enum").toString());
            JsonNode deletePet = schema(tools, "deletePet");
            assertEquals(List.of("path", "header"), names(deletePet.get("properties")));
            JsonNode uploadFile = schema(tools, "uploadFile");
            assertEquals("byte", uploadFile.at("/properties/body/format").asText(), uploadFile.toString());
        }
    }

    @Test
    void getPetByIdAnswersWithThePet() {
        try (McpSyncClient client = client()) {
            McpSchema.CallToolResult result = client.callTool(Mcp.call("getPetById", Map.of("path", Map.of("petId", 1))));
            assertFalse(result.isError(), result.toString());
            JsonNode pet = JSON.valueToTree(result.structuredContent());
            assertEquals("Rex", pet.get("name").asText());
            assertEquals(pet, read(Mcp.text(result)));
            assertEquals(new Petstore.Received("GET", "/api/v3/pet/1", null, null, ""), petstore.last());
        }
    }

    @Test
    void anHttpErrorIsAToolError() {
        try (McpSyncClient client = client()) {
            McpSchema.CallToolResult result = client.callTool(Mcp.call("getPetById", Map.of("path", Map.of("petId", 404))));
            assertTrue(result.isError(), result.toString());
            assertEquals("HTTP 404 Not Found: Pet not found", Mcp.text(result));
        }
    }

    @Test
    void queryParametersReachTheApiAndAListIsStructuredAsData() {
        try (McpSyncClient client = client()) {
            McpSchema.CallToolResult result = client.callTool(Mcp.call("findPetsByStatus", Map.of("query", Map.of("status", "available"))));
            assertFalse(result.isError(), result.toString());
            assertEquals("/api/v3/pet/findByStatus?status=available", petstore.last().pathQuery());
            JsonNode data = JSON.valueToTree(result.structuredContent()).get("data");
            assertEquals(List.of("Rex", "Nemo"), data.findValuesAsText("name"));
        }
    }

    @Test
    void theBodyIsSentAsJson() {
        try (McpSyncClient client = client()) {
            Map<String, Object> pet = Map.of("name", "Fido", "status", "pending", "photoUrls", List.of("https://example.com/fido.jpg"));
            McpSchema.CallToolResult result = client.callTool(Mcp.call("addPet", Map.of("body", pet)));
            assertFalse(result.isError(), result.toString());
            Petstore.Received received = petstore.last();
            assertEquals("POST", received.method());
            assertEquals("/api/v3/pet", received.pathQuery());
            assertEquals("application/json", received.contentType());
            assertEquals(JSON.valueToTree(pet), read(received.body()));
            JsonNode created = JSON.valueToTree(result.structuredContent());
            assertEquals("Fido", created.get("name").asText());
            assertTrue(created.get("id").asLong() > 100, created.toString());
        }
    }

    @Test
    void headerAndPathParametersOfADelete() {
        try (McpSyncClient client = client()) {
            McpSchema.CallToolResult result = client.callTool(Mcp.call("deletePet",
                    Map.of("path", Map.of("petId", "2"), "header", Map.of("api_key", "secret-key", "Host", "evil.example"))));
            assertFalse(result.isError(), result.toString());
            assertEquals("HTTP 200 OK", Mcp.text(result));
            assertEquals(new Petstore.Received("DELETE", "/api/v3/pet/2", "secret-key", null, ""), petstore.last());
        }
    }

    @Test
    void argumentsARequestCannotBeMadeFromAreToolErrors() {
        try (McpSyncClient client = client()) {
            int before = petstore.received.size();
            McpSchema.CallToolResult missing = client.callTool(Mcp.call("getPetById", Map.of()));
            assertTrue(missing.isError());
            assertEquals("Invalid arguments for getPetById: path parameter \"petId\" is required (under \"path\" in the arguments)", Mcp.text(missing));
            McpSchema.CallToolResult climbing = client.callTool(Mcp.call("getPetById", Map.of("path", Map.of("petId", ".."))));
            assertTrue(climbing.isError());
            assertTrue(Mcp.text(climbing).contains("must not be empty or contain an empty, . or .. segment"), Mcp.text(climbing));
            assertEquals(before, petstore.received.size(), "nothing reached the API");

            McpError unknown = assertThrows(McpError.class, () -> client.callTool(Mcp.call("getPetByName", Map.of())));
            assertTrue(unknown.getMessage().contains("Unknown tool: getPetByName"), unknown.getMessage());
        }
    }

    @Test
    void methodsOtherThanToolsAreNotFound() throws Exception {
        CurlSession session = CurlSession.open(setup.gateway().caFile(), setup.gateway().url() + "/mcp");
        JsonNode prompts = read(session.post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"prompts/list\"}").body());
        assertEquals(-32601, prompts.at("/error/code").asInt(), prompts.toString());
        assertEquals("Method not found: prompts/list", prompts.at("/error/message").asText());
    }

    private static JsonNode schema(List<McpSchema.Tool> tools, String name) {
        return JSON.valueToTree(tools.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().inputSchema());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
