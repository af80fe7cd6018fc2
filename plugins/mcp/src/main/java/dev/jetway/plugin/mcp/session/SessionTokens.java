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

import static java.util.Objects.requireNonNull;

/**
 * Session ids: a {@link SessionToken}, AES-256-GCM encrypted and authenticated. The backend's identity is the
 * authenticated associated data, so an id made for one backend (another route, other targets) does not open at
 * another, even under the same key.
 */
final class SessionTokens {

    private static final String PREFIX = "e.";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKey key;
    private final byte[] associatedData;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param key     the AES-256 session key
     * @param backend what identifies the backend the ids are for: its place in the config and its targets
     */
    SessionTokens(SecretKey key, String backend) {
        this.key = requireNonNull(key, "key");
        this.associatedData = ("jetway mcp session v2\n" + backend).getBytes(StandardCharsets.UTF_8);
    }

    String nonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    String issue(SessionToken token) {
        byte[] json = JsonRpc.bytes(toJson(token));
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(json);
            return PREFIX + ENCODER.encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /** The token of an id made with this key for this backend; empty for anything else. */
    Optional<SessionToken> open(String id) {
        if (id == null || !id.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = DECODER.decode(id.substring(PREFIX.length()));
            if (bytes.length <= IV_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(associatedData);
            return fromJson(JsonRpc.parse(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES)));
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ObjectNode toJson(SessionToken token) {
        ObjectNode json = JsonRpc.object().put("n", token.nonce()).put("t", token.issuedAt());
        if (token.protocolVersion() != null) {
            json.put("v", token.protocolVersion());
        }
        json.set("i", token.initializeParams());
        ObjectNode upstreams = json.putObject("u");
        token.upstreams().forEach(upstreams::set);
        return json;
    }

    private static Optional<SessionToken> fromJson(JsonNode json) {
        if (!json.path("n").isTextual() || !json.path("t").canConvertToLong() || !(json.get("i") instanceof ObjectNode params)
                || !json.path("u").isObject()) {
            return Optional.empty();
        }
        Map<String, JsonNode> upstreams = new LinkedHashMap<>();
        json.get("u").properties().forEach(entry -> upstreams.put(entry.getKey(), entry.getValue()));
        return Optional.of(new SessionToken(json.get("n").asText(), json.get("t").asLong(), json.path("v").asText(null),
                params, upstreams));
    }
}
