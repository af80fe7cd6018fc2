package dev.jetway.plugin.mcp.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;

/**
 * Session ids: a {@link SessionToken} as base64url JSON ({@code p.} ids), or AES-256-GCM encrypted and
 * authenticated when a session key is configured ({@code e.} ids). Only encrypted ids are trusted for resumption:
 * a plain id is a key into this replica's sessions and nothing more, since its client could have written it.
 */
final class SessionTokens {

    private static final String PLAIN = "p.";
    private static final String ENCRYPTED = "e.";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Binds ciphertexts to their use: a token for something else made with the same key does not decrypt as one. */
    private static final byte[] ASSOCIATED_DATA = "jetway mcp session v1".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    /** @param key the AES-256 session key, or {@code null} for plain ids */
    SessionTokens(SecretKey key) {
        this.key = key;
    }

    boolean encrypted() {
        return key != null;
    }

    String nonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    String issue(SessionToken token) {
        byte[] json = JsonRpc.bytes(toJson(token));
        if (key == null) {
            return PLAIN + ENCODER.encodeToString(json);
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(ASSOCIATED_DATA);
            byte[] sealed = cipher.doFinal(json);
            return ENCRYPTED + ENCODER.encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /** The token of an encrypted id made with this key; empty for anything else, including plain ids. */
    Optional<SessionToken> open(String id) {
        if (key == null || id == null || !id.startsWith(ENCRYPTED)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = DECODER.decode(id.substring(ENCRYPTED.length()));
            if (bytes.length <= IV_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(ASSOCIATED_DATA);
            return fromJson(JsonRpc.parse(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES)));
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ObjectNode toJson(SessionToken token) {
        ObjectNode json = JsonRpc.object().put("n", token.nonce());
        if (token.protocolVersion() != null) {
            json.put("v", token.protocolVersion());
        }
        json.set("i", token.initializeParams());
        ObjectNode upstreams = json.putObject("u");
        token.upstreams().forEach(upstreams::set);
        return json;
    }

    private static Optional<SessionToken> fromJson(JsonNode json) {
        if (!json.path("n").isTextual() || !(json.get("i") instanceof ObjectNode params) || !json.path("u").isObject()) {
            return Optional.empty();
        }
        Map<String, JsonNode> upstreams = new LinkedHashMap<>();
        json.get("u").properties().forEach(entry -> upstreams.put(entry.getKey(), entry.getValue()));
        return Optional.of(new SessionToken(json.get("n").asText(), json.path("v").asText(null), params, upstreams));
    }
}
