package dev.jetway.plugin.jwtauth;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * The claims checks of a token whose signature is good: required claims present, not expired, already valid, issued
 * by its issuer, for one of its audiences. Times allow a minute of clock skew, as agentgateway's validator does.
 */
final class ClaimsCheck {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private ClaimsCheck() {
    }

    /** @throws InvalidToken naming the first check that failed */
    static void check(Map<String, Object> claims, Issuer issuer, long nowSeconds) {
        for (String required : issuer.requiredClaims()) {
            if (!claims.containsKey(required)) {
                throw new InvalidToken("token has no " + required + " claim");
            }
        }
        Long expires = seconds(claims, "exp");
        if (expires != null && nowSeconds > expires + CLOCK_SKEW.toSeconds()) {
            throw new InvalidToken("token expired");
        }
        Long notBefore = seconds(claims, "nbf");
        if (notBefore != null && nowSeconds + CLOCK_SKEW.toSeconds() < notBefore) {
            throw new InvalidToken("token not valid yet");
        }
        if (!issuer.issuer().equals(claims.get("iss"))) {
            throw new InvalidToken("wrong issuer");
        }
        if (!issuer.audiences().isEmpty() && !forAudience(claims.get("aud"), issuer)) {
            throw new InvalidToken("wrong audience");
        }
    }

    private static Long seconds(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return (long) Math.floor(number.doubleValue());
        }
        throw new InvalidToken("malformed " + name + " claim");
    }

    private static boolean forAudience(Object aud, Issuer issuer) {
        if (aud instanceof String one) {
            return issuer.audiences().contains(one);
        }
        if (aud instanceof Collection<?> many) {
            return many.stream().anyMatch(issuer.audiences()::contains);
        }
        return false;
    }
}
