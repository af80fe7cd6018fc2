package dev.jetway.plugin.jwtauth;

/**
 * Why a bearer token was refused, in a few words for the client ({@code token expired}, {@code wrong issuer},
 * {@code unknown key id}...), never with key material. Thrown per refused request, so it records no stack trace.
 */
final class InvalidToken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidToken(String reason) {
        super(reason, null, false, false);
    }

    String reason() {
        return getMessage();
    }
}
