package dev.jetway.plugin.mcpopenapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config binding and the errors users see, with file, line and field, as {@code --validate-only} prints them. */
class OpenApiTargetFactoryTest {

    private static final String AT = "binds[0].listeners[0].routes[0].backends[0].mcp.targets[0].openapi.";

    @TempDir
    Path dir;

    @BeforeEach
    void petstore() throws IOException {
        Files.copy(Path.of("src/test/resources/petstore.json"), dir.resolve("openapi.json"));
    }

    private List<String> problems(String openapi) {
        String yaml = """
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - backends:
                      - mcp:
                          targets:
                          - name: api
                            openapi:
                %s
                """.formatted(openapi.indent(14).stripTrailing());
        return TestGateway.problems(yaml, dir);
    }

    private void assertProblem(String openapi, String expected) {
        List<String> problems = problems(openapi);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(expected), problems.get(0) + "\n does not contain: " + expected);
    }

    @Test
    void theDocumentsConfigsAreValid() {
        assertEquals(List.of(), problems("host: localhost:8080\nschema: {file: openapi.json}"));
        assertEquals(List.of(), problems("host: \"https://petstore3.swagger.io\"\nschema:\n  file: openapi.json"));
        assertEquals(List.of(), problems("""
                host: 127.0.0.1
                port: 8080
                schema: |
                  openapi: 3.1.0
                  info: {title: inline, version: "1"}
                  paths:
                    /hello:
                      get: {operationId: hello, responses: {"200": {description: ok}}}
                """));
    }

    @Test
    void aMissingOrUnreadableDocumentIsReportedAtItsField() throws IOException {
        assertProblem("host: localhost:8080\nschema: {file: missing.json}",
                "<inline>:11:30: " + AT + "schema.file: file not found: missing.json");
        Files.writeString(dir.resolve("broken.json"), "{\"openapi\": \"3.0.4\", \"paths\": {");
        assertProblem("host: localhost:8080\nschema: {file: broken.json}",
                "<inline>:11:30: " + AT + "schema.file: cannot read " + dir.resolve("broken.json") + " as an OpenAPI 3 document");
        Files.writeString(dir.resolve("swagger2.json"), "{\"swagger\": \"2.0\", \"info\": {\"title\": \"old\", \"version\": \"1\"}, \"paths\": {}}");
        assertProblem("host: localhost:8080\nschema: {file: swagger2.json}", "cannot read " + dir.resolve("swagger2.json") + " as an OpenAPI 3 document");
        assertProblem("host: localhost:8080\nschema: \"not: [an, openapi, document\"", AT + "schema: cannot read the inline document as an OpenAPI 3 document");
    }

    @Test
    void optionsJetwayDoesNotTakeAreRefusedByName() {
        assertProblem("host: localhost:8080\nschema: {url: \"https://petstore3.swagger.io/api/v3/openapi.json\"}",
                AT + "schema.url: schema.url is not supported yet");
        assertProblem("host: localhost:8080\npath: /api\nschema: {file: openapi.json}", AT + "path: path is not used by openapi targets");
        assertProblem("host: localhost:8080\nschema: {file: openapi.json, headers: {}}", AT + "schema.headers: unknown key \"headers\"");
        assertProblem("host: localhost:8080\nschema: {file: openapi.json}\ntimeout: 5s", AT + "timeout: unknown key \"timeout\"");
    }

    @Test
    void requiredFieldsAreNamed() {
        assertProblem("schema: {file: openapi.json}", AT + "host: host is required");
        assertProblem("host: localhost:8080", AT + "schema: schema is required");
        assertProblem("host: localhost:8080\nschema: {}", AT + "schema: schema is {file: path} or the OpenAPI document inline");
    }

    @Test
    void operationsThatCannotBeToolsAreNamed() {
        String document = """
                host: localhost:8080
                schema: |
                  openapi: 3.0.4
                  info: {title: t, version: "1"}
                  paths:
                    /a:
                      get: {responses: {"200": {description: ok}}}
                      post: {operationId: same, responses: {"200": {description: ok}}}
                    /b:
                      get:
                        operationId: same
                        responses: {"200": {description: ok}}
                    /c:
                      get:
                        operationId: withCookie
                        parameters: [{name: session, in: cookie, schema: {type: string}}]
                        responses: {"200": {description: ok}}
                """;
        List<String> problems = problems(document);
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).endsWith(AT + "schema: GET /a has no operationId, which names its tool"), problems.get(0));
        assertTrue(problems.get(1).endsWith(AT + "schema: operationId \"same\" is used twice; tool names must be unique"), problems.get(1));
        assertTrue(problems.get(2).endsWith(AT + "schema: operation withCookie (GET /c) has the cookie parameter \"session\";"
                + " tools can set path, query and header parameters only"), problems.get(2));
    }

    /** The config expands environment variables, so an inline document writes its references as {@code $$ref}. */
    @Test
    void oneServerAndDefinedSchemasOnly() {
        assertProblem("""
                host: localhost:8080
                schema: |
                  openapi: 3.0.4
                  info: {title: t, version: "1"}
                  servers: [{url: "https://a.example.com/v1"}, {url: "https://b.example.com/v1"}]
                  paths:
                    /a:
                      get: {operationId: a, responses: {"200": {description: ok}}}
                """, AT + "schema: the document lists 2 servers; an openapi target calls one API");
        assertProblem("""
                host: localhost:8080
                schema: |
                  openapi: 3.0.4
                  info: {title: t, version: "1"}
                  paths:
                    /a:
                      post:
                        operationId: a
                        requestBody: {content: {application/json: {schema: {$$ref: "#/components/schemas/Missing"}}}}
                        responses: {"200": {description: ok}}
                """, "operation a (POST /a) refers to the schema #/components/schemas/Missing, which the document does not define");
    }
}
