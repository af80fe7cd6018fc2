package dev.jetway.plugin.jwtauth;

import java.util.Map;

/**
 * A bearer token that passed every check, and its claims as CEL's {@code jwt}: nested objects as maps, arrays as
 * lists, whole numbers as {@code Long}, others as {@code Double}.
 */
record VerifiedToken(String token, Map<String, Object> claims) {
}
