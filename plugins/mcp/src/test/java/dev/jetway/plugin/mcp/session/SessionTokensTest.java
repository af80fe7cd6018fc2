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
        return new SessionToken(tokens.nonce(), "2025-06-18", params, Map.of("remote", JsonRpc.object().put("sid", "abc")));
    }

    @Test
    void encryptedIdsCarryTheUpstreamsToAnotherReplicaWithTheKey() {
        SessionTokens mine = new SessionTokens(KEY);
        SessionToken token = token(mine);
        String id = mine.issue(token);
        assertTrue(id.startsWith("e.") && id.chars().allMatch(c -> c > 0x20 && c < 0x7f), id);
        assertFalse(id.contains("abc"), "encrypted");

        Optional<SessionToken> opened = new SessionTokens(key("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")).open(id);
        assertEquals(token, opened.orElseThrow());
        assertNotEquals(id, mine.issue(token), "a fresh IV each time");
    }

    @Test
    void tamperedIdsOtherKeysAndPlainIdsAreNotTrusted() {
        SessionTokens mine = new SessionTokens(KEY);
        String id = mine.issue(token(mine));
        char last = id.charAt(id.length() - 2);
        String tampered = id.substring(0, id.length() - 2) + (last == 'A' ? 'B' : 'A') + id.charAt(id.length() - 1);
        assertEquals(Optional.empty(), mine.open(tampered));
        assertEquals(Optional.empty(), new SessionTokens(key("ff112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")).open(id));
        assertEquals(Optional.empty(), mine.open("e.garbage!"));

        SessionTokens plain = new SessionTokens(null);
        String plainId = plain.issue(token(plain));
        assertTrue(plainId.startsWith("p."), plainId);
        assertEquals(Optional.empty(), plain.open(plainId));
        assertEquals(Optional.empty(), mine.open(plainId));
    }
}
