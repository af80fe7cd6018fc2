package dev.jetway.plugin.jwtauth;

import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One token issuer of a policy: tokens signed with its {@code keys} must name it as {@code iss}, name one of the
 * {@code audiences} as {@code aud} (any audience when there are none), and carry the {@code requiredClaims}.
 */
record Issuer(String issuer, Set<String> audiences, Set<String> requiredClaims, SigningKeys keys) {

    /** The registered claims agentgateway can require ({@code jwtValidationOptions.requiredClaims}). */
    static final Set<String> REQUIRABLE_CLAIMS = Set.of("exp", "nbf", "aud", "iss", "sub");

    Issuer {
        requireNonNull(issuer, "issuer");
        audiences = Set.copyOf(audiences);
        requiredClaims = Set.copyOf(requiredClaims);
        requireNonNull(keys, "keys");
    }
}
