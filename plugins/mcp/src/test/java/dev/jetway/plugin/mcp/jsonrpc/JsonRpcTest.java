package dev.jetway.plugin.mcp.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonRpcTest {

    @Test
    void anIdWrittenAsALongIsTheSameIdWhenReadBack() throws Exception {
        var sent = JsonRpc.object().put("id", 7L).get("id");
        assertTrue(JsonRpc.sameId(sent, JsonRpc.parse("{\"id\":7}").get("id")));
        assertTrue(JsonRpc.sameId(JsonRpc.parse("\"a\""), JsonRpc.parse("\"a\"")));
        assertFalse(JsonRpc.sameId(sent, JsonRpc.parse("8")));
        assertFalse(JsonRpc.sameId(sent, JsonRpc.parse("\"7\"")));
        assertFalse(JsonRpc.sameId(null, sent));
        assertFalse(JsonRpc.sameId(sent, null));
    }
}
