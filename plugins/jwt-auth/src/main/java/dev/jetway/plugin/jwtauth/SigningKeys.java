package dev.jetway.plugin.jwtauth;

import java.util.concurrent.CompletableFuture;

/** The keys of one issuer's JWKS, looked up by {@code kid}. */
interface SigningKeys {

    /** The key named {@code kid} if it is known now, else {@code null}; never blocks. */
    VerificationKey find(String kid);

    /**
     * Fetches the keys again in the background, for a token naming a key not seen yet (keys rotate); completes when
     * done, also when the fetch failed or was refused by the rate limit. Keys that never change complete at once.
     */
    CompletableFuture<Void> refresh(String kid);

    /** Whether keys were ever loaded: a source that was never reachable explains its 401s differently. */
    boolean loaded();
}
