package dev.jetway.plugin.mcp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import org.junit.jupiter.api.Test;

class SessionTokensTest {

    private static SecretKey key(String hex) {
        return new SecretKeySpec(HexFormat.of().parseHex(hex), "AES");
    }

    private static final SecretKey KEY = key("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

    private static SessionToken token(SessionTokens tokens) {
        ObjectNode params = JsonRpc.object().put("protocolVersion", "2025-06-18");
        params.putObject("clientInfo").put("name", "c");
        return new SessionToken(tokens.nonce(), 1_790_000_000L, "2025-06-18", params,
                Map.of("remote", JsonRpc.object().put("sid", "abc")));
    }

    @Test
    void encryptedIdsCarryTheUpstreamsToAnotherReplicaWithTheKey() {
        SessionTokens mine = new SessionTokens(KEY, "route r of listener l");
        SessionToken token = token(mine);
        String id = mine.issue(token);
        assertTrue(id.startsWith("e.") && id.chars().allMatch(c -> c > 0x20 && c < 0x7f), id);
        assertFalse(id.contains("abc"), "encrypted");

        Optional<SessionToken> opened = new SessionTokens(key("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"),
                "route r of listener l").open(id);
        assertEquals(token, opened.orElseThrow());
        assertNotEquals(id, mine.issue(token), "a fresh IV each time");
    }

    @Test
    void tamperedIdsOtherKeysAndOtherBackendsAreNotTrusted() {
        SessionTokens mine = new SessionTokens(KEY, "route r of listener l");
        String id = mine.issue(token(mine));
        char last = id.charAt(id.length() - 2);
        String tampered = id.substring(0, id.length() - 2) + (last == 'A' ? 'B' : 'A') + id.charAt(id.length() - 1);
        assertEquals(Optional.empty(), mine.open(tampered));
        assertEquals(Optional.empty(), new SessionTokens(key("ff112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"),
                "route r of listener l").open(id));
        assertEquals(Optional.empty(), new SessionTokens(KEY, "route other of listener l").open(id), "bound to its backend");
        assertEquals(Optional.empty(), mine.open("e.garbage!"));
        assertEquals(Optional.empty(), mine.open("p.eyJuIjoiYSJ9"));
    }

    @Test
    void idsStaySmallWhateverTheClientSendsInInitialize() {
        SessionTokens mine = new SessionTokens(KEY, "route r of listener l");
        ObjectNode params = JsonRpc.object().put("protocolVersion", "2025-11-25");
        ObjectNode info = params.putObject("clientInfo").put("name", "inspector").put("version", "1.0");
        info.putArray("icons").addObject().put("src", "data:image/png;base64," + "A".repeat(12_000));
        params.putObject("capabilities").putObject("experimental").put("blob", "B".repeat(5_000));
        ObjectNode kept = ResumeParams.of(params);
        assertEquals("{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"inspector\",\"version\":\"1.0\"}}",
                kept.toString());
        String id = mine.issue(new SessionToken(mine.nonce(), 1L, "2025-11-25", kept, Map.of()));
        assertTrue(id.length() < 400, id.length() + " characters");
    }
}
