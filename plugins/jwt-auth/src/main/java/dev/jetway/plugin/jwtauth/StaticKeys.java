package dev.jetway.plugin.jwtauth;

import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.jetway.api.ConfigException;

/** A JWKS read once from the config or a file; keys not in it are unknown. */
final class StaticKeys implements SigningKeys {

    private final Map<String, VerificationKey> keys;

    private StaticKeys(Map<String, VerificationKey> keys) {
        this.keys = Map.copyOf(keys);
    }

    /**
     * @param field  the field the JWKS was written in, for the error
     * @param source where the JWKS came from, for the error: "inline" or the file
     * @throws ConfigException when the JSON is not a JWKS or a key cannot check signatures
     */
    static StaticKeys parse(String json, String field, String source) throws ConfigException {
        JWKSet set;
        try {
            set = JWKSet.parse(json);
        } catch (ParseException e) {
            throw new ConfigException(field, source + " is not a valid JWKS ({\"keys\": [...]}): " + e.getMessage());
        }
        if (set.getKeys().isEmpty()) {
            throw new ConfigException(field, source + " has no keys");
        }
        Map<String, VerificationKey> keys = new HashMap<>();
        for (JWK jwk : set.getKeys()) {
            try {
                VerificationKey key = VerificationKey.of(jwk);
                if (keys.put(key.kid(), key) != null) {
                    throw new ConfigException(field, source + ": two keys have the kid \"" + key.kid() + "\"");
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(field, source + ": " + e.getMessage());
            }
        }
        return new StaticKeys(keys);
    }

    @Override
    public VerificationKey find(String kid) {
        return keys.get(kid);
    }

    @Override
    public CompletableFuture<Void> refresh(String kid) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean loaded() {
        return true;
    }
}
