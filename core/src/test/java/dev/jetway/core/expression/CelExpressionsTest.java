package dev.jetway.core.expression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;

import dev.jetway.api.ConfigException;
import dev.jetway.api.expression.Expression;
import dev.jetway.api.expression.ExpressionException;
import org.junit.jupiter.api.Test;

/** The CEL of agentgateway's examples, compiled and evaluated without a request. */
class CelExpressionsTest {

    private static final CelExpressions CEL = CelExpressions.get();

    private static Object eval(String source, Map<String, ?> variables) throws Exception {
        return CEL.compile("rule", source).evaluate(null, variables);
    }

    @Test
    void mcpAuthorizationRulesOfTheExamples() throws Exception {
        Map<String, Object> add = Map.of("mcp", Map.of("tool", Map.of("name", "add", "target", "everything")),
                "jwt", Map.of("sub", "test-user", "nested", Map.of("key", "value"), "exp", new Date(1_700_000_000_000L)));
        assertEquals(true, eval("jwt.sub == \"test-user\" && mcp.tool.name == \"add\"", add));
        assertEquals(false, eval("mcp.tool.name == \"echo\"", add));
        assertEquals(true, eval("mcp.tool.name == \"add\" && jwt.nested.key == \"value\"", add));
        assertEquals(1_700_000_000L, eval("jwt.exp", add));
        assertEquals(true, eval("has(jwt.nested) && !has(mcp.prompt)", add));
        assertEquals(true, eval("[1, 2, 3].exists(x, x > 2) && ['a'].all(x, x == 'a')", add));
    }

    @Test
    void aMissingVariableOrKeyIsAnErrorThatTestsFalse() throws Exception {
        Expression rule = CEL.compile("rule", "jwt.sub == \"test-user\"");
        assertThrows(ExpressionException.class, () -> rule.evaluate(null, Map.of()));
        assertFalse(rule.test(null, Map.of()));
        assertFalse(rule.test(null, Map.of("jwt", Map.of("iss", "x"))));
        assertTrue(rule.test(null, Map.of("jwt", Map.of("sub", "test-user"))));
    }

    @Test
    void agentgatewayFunctions() throws Exception {
        Map<String, Object> source = Map.of("source", Map.of("address", "127.0.0.1"));
        assertEquals(true, eval("cidr(\"127.0.0.1/8\").containsIP(source.address)", source));
        assertEquals(false, eval("cidr(\"10.0.0.0/8\").containsIP(source.address)", source));
        assertEquals(true, eval("cidr(\"::1/128\").containsIP(\"::1\")", Map.of()));
        Map<String, Object> response = Map.of("response", Map.of("body", "{\"Node\":{\"Name\":\"laptop\"},\"n\":2}"
                .getBytes(StandardCharsets.UTF_8), "headers", Map.of("x-auth-request-user", "alice")));
        assertEquals("laptop", eval("json(response.body).Node.Name", response));
        assertEquals(2L, eval("json(response.body).n", response));
        assertEquals("alice", eval("response.headers[\"x-auth-request-user\"]", response));
        assertEquals("{\"a\":[1,\"b\"]}", eval("toJson({'a': [1, 'b']})", Map.of()));
        assertEquals("aGk=", eval("base64Encode('hi')", Map.of()));
        assertEquals("hi", eval("base64Decode('aGk=')", Map.of()));
        assertEquals("a-b-c", eval("regexReplace('a.b.c', '[.]', '-')", Map.of()));
        assertEquals(36L, eval("size(uuid())", Map.of()));
        assertEquals("HELLO", eval("'hello'.upperAscii()", Map.of()));
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), (byte[]) eval("b'x'", Map.of()));
        assertThrows(ExpressionException.class, () -> eval("cidr('not-an-ip/8').containsIP('1.2.3.4')", Map.of()));
    }

    @Test
    void badExpressionsAreConfigErrorsNamingTheField() {
        ConfigException syntax = assertThrows(ConfigException.class, () -> CEL.compile("rules[2]", "mcp.tool.name == "));
        assertEquals("rules[2]", syntax.problems().get(0).field());
        assertTrue(syntax.getMessage().contains("invalid CEL expression \"mcp.tool.name ==\""), syntax.getMessage());
        ConfigException unknown = assertThrows(ConfigException.class, () -> CEL.compile("filter", "user.name == 'x'"));
        assertTrue(unknown.getMessage().contains("undeclared reference to 'user'"), unknown.getMessage());
        assertThrows(ConfigException.class, () -> CEL.compile("filter", " "));
        assertEquals(List.of("request", "response", "source", "jwt", "apiKey", "basicAuth", "mcp", "backend", "llm",
                "llmRequest", "extauthz", "extproc", "metadata", "env"), CelExpressions.VARIABLES);
    }
}
