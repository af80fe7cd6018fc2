package dev.jetway.plugin.mcp.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IncomingTest {

    private static Incoming parse(String json) throws Incoming.Invalid {
        return Incoming.parse(json.getBytes());
    }

    @Test
    void messagesAreSortedByKind() throws Exception {
        Incoming batch = parse("[{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}]");
        assertTrue(batch.batch());
        assertEquals(1, batch.requests().size());
        assertEquals(1, batch.notifications().size());
        assertEquals(1, batch.responses().size());
        assertTrue(parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}").initializes());
    }

    @Test
    void invalidBodiesSayWhyWithTheRightCode() {
        assertEquals(JsonRpc.PARSE_ERROR, code("{\"jsonrpc\""));
        assertEquals(JsonRpc.PARSE_ERROR, code(""));
        assertEquals(JsonRpc.INVALID_REQUEST, code("[]"));
        assertEquals(JsonRpc.INVALID_REQUEST, code("\"text\""));
        assertEquals(JsonRpc.INVALID_REQUEST, code("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}"));
        assertEquals(JsonRpc.INVALID_REQUEST, code("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}"));
        assertEquals(JsonRpc.INVALID_REQUEST, code("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}"));
        assertEquals(JsonRpc.INVALID_REQUEST, code("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":{}}"));
    }

    private static int code(String json) {
        Incoming.Invalid invalid = assertThrows(Incoming.Invalid.class, () -> parse(json));
        return invalid.error().path("error").path("code").asInt();
    }
}
