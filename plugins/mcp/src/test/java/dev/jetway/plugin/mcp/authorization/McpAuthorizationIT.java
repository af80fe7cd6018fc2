package dev.jetway.plugin.mcp.authorization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.testing.TestGateway;
import dev.jetway.plugin.mcp.testing.Everything;
import dev.jetway.plugin.mcp.testing.PlainMcpSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mcpAuthorization in front of the real server-everything: tools a client may not use are missing from its lists
 * and unknown to its calls, per request (the rules read the request's headers here, as they read jwt claims behind
 * jwtAuth), with one target and multiplexed.
 */
class McpAuthorizationIT {

    @TempDir
    static Path dir;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        String stdio = Everything.stdioYaml();
        gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - matches: [{path: {pathPrefix: /one}}]
                      policies:
                        mcpAuthorization:
                          rules:
                          - 'mcp.tool.name == "echo"'
                          - 'request.headers["x-role"] == "admin" && mcp.tool.name == "get-sum"'
                          - {deny: 'mcp.prompt.name == "simple-prompt"'}
                          - 'has(mcp.prompt)'
                      backends:
                      - mcp:
                          targets:
                          - name: everything
                            %1$s
                    - matches: [{path: {pathPrefix: /two}}]
                      backends:
                      - mcp:
                          targets:
                          - name: open
                            %1$s
                          - name: closed
                            %1$s
                        policies:
                          mcpAuthorization:
                            rules: ['mcp.tool.target == "open"', {require: 'mcp.tool.name != "get-env"'}]
                """.formatted(stdio), dir);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + gateway.port() + path;
    }

    @Test
    void listsHoldOnlyWhatTheRequestMayUseAndCallsToTheRestAreUnknown() throws Exception {
        PlainMcpSession user = PlainMcpSession.open(url("/one/mcp"));
        assertEquals(List.of("echo"), user.list("tools/list", "tools", "name"));
        PlainMcpSession admin = user.with(Map.of("x-role", "admin"));
        assertEquals(List.of("echo", "get-sum"), admin.list("tools/list", "tools", "name"));

        JsonNode refused = PlainMcpSession.response(user.call(7, "get-sum", "{\"a\":2,\"b\":3}"));
        assertEquals(7, refused.path("id").asInt());
        assertEquals(-32602, refused.path("error").path("code").asInt(), refused.toString());
        assertEquals("Unknown tool: get-sum", refused.path("error").path("message").asText());
        JsonNode sum = PlainMcpSession.response(admin.call(8, "get-sum", "{\"a\":2,\"b\":3}"));
        assertTrue(sum.path("result").toString().contains("The sum of 2 and 3 is 5."), sum.toString());
        JsonNode echo = PlainMcpSession.response(user.call(9, "echo", "{\"message\":\"hi\"}"));
        assertTrue(echo.path("result").toString().contains("Echo: hi"), echo.toString());

        List<String> prompts = user.list("prompts/list", "prompts", "name");
        assertTrue(!prompts.isEmpty() && !prompts.contains("simple-prompt"), prompts.toString());
        JsonNode denied = PlainMcpSession.response(user.post(
                "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"prompts/get\",\"params\":{\"name\":\"simple-prompt\"}}"));
        assertEquals("Unknown prompt: simple-prompt", denied.path("error").path("message").asText(), denied.toString());
    }

    @Test
    void multiplexedRulesSeeEachToolsTarget() throws Exception {
        PlainMcpSession session = PlainMcpSession.open(url("/two/mcp"));
        List<String> tools = session.list("tools/list", "tools", "name");
        assertTrue(tools.contains("open_echo") && tools.contains("open_get-sum"), tools.toString());
        assertTrue(tools.stream().allMatch(t -> t.startsWith("open_")), tools.toString());
        assertTrue(!tools.contains("open_get-env"), tools.toString());
        JsonNode refused = PlainMcpSession.response(session.call(3, "closed_echo", "{\"message\":\"hi\"}"));
        assertEquals("Unknown tool: closed_echo", refused.path("error").path("message").asText(), refused.toString());
        JsonNode echo = PlainMcpSession.response(session.call(4, "open_echo", "{\"message\":\"hi\"}"));
        assertTrue(echo.path("result").toString().contains("Echo: hi"), echo.toString());
    }

    @Test
    void badRulesAreConfigErrorsWithTheirLine() {
        List<String> problems = TestGateway.problems("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - policies:
                        mcpAuthorization:
                          rules:
                          - 'mcp.tool.name =='
                          - {permit: 'true'}
                      backends:
                      - mcp: {targets: [{name: a, stdio: {cmd: node}}]}
                """, dir);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("<inline>:8:13: binds[0].listeners[0].routes[0].policies.mcpAuthorization.rules[0]: invalid CEL expression"),
                problems.toString());
        assertTrue(problems.get(1).startsWith("<inline>:9:13: binds[0].listeners[0].routes[0].policies.mcpAuthorization.rules[1]: a rule is a CEL"),
                problems.toString());
    }
}
