package dev.jetway.plugin.jwtauth;

import java.util.List;

/** {@code jwtValidationOptions: {requiredClaims: [exp]}}: the registered claims a token must carry. */
record JwtValidationOptions(List<String> requiredClaims) {
}
