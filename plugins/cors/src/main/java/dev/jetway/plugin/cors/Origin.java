package dev.jetway.plugin.cors;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An origin as agentgateway compares them: {@code http} or {@code https}, a lower-case host, and a port that defaults to
 * the scheme's, so that {@code https://a.example} and {@code https://a.example:443} are the same origin. An allowed
 * origin's host may hold {@code *} wildcards ({@code https://*.example.com}, {@code https://*}).
 */
record Origin(String scheme, String host, int port) {

    /** {@code value} as an origin, or {@code null} when it is not one; {@code *} is allowed in the host if {@code pattern}. */
    static Origin parse(String value, boolean pattern) {
        int separator = value == null ? -1 : value.indexOf("://");
        if (separator < 0) {
            return null;
        }
        String scheme = value.substring(0, separator).toLowerCase(Locale.ROOT);
        String hostPort = value.substring(separator + 3);
        if (!scheme.equals("http") && !scheme.equals("https") || hostPort.isEmpty()
                || hostPort.chars().anyMatch(c -> c == '/' || c == '?' || c == '#')) {
            return null;
        }
        String host = hostPort;
        int port = scheme.equals("https") ? 443 : 80;
        int colon = hostPort.lastIndexOf(':');
        if (colon >= 0) {
            host = hostPort.substring(0, colon);
            String digits = hostPort.substring(colon + 1);
            if (host.indexOf(':') >= 0 || digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
                return null;
            }
            port = Integer.parseInt(digits);
            if (port == 0 || port > 65535) {
                return null;
            }
        }
        if (host.isEmpty() || !pattern && host.indexOf('*') >= 0) {
            return null;
        }
        return new Origin(scheme, host.toLowerCase(Locale.ROOT), port);
    }

    /** This allowed origin's host as a pattern: {@code *} matches any run of characters, dots included. */
    Pattern hostPattern() {
        return Pattern.compile(Arrays.stream(host.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
    }
}
