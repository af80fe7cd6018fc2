package dev.jetway.core.routing;

import java.util.regex.Pattern;

/** A route's path condition, with agentgateway's semantics. */
public sealed interface PathMatcher {

    boolean matches(String path);

    /** How specific the match is; higher wins (exact, then longer prefixes and regexes). */
    int specificity();

    /** The condition as the config wrote it, such as {@code /api}: what a span's name says the request matched. */
    String written();

    /** The path equals the value. */
    record Exact(String value) implements PathMatcher {
        public boolean matches(String path) {
            return path.equals(value);
        }

        public int specificity() {
            return Integer.MAX_VALUE;
        }

        public String written() {
            return value;
        }
    }

    /**
     * Element-wise prefix: {@code /api} matches {@code /api}, {@code /api/} and {@code /api/x}, not {@code /apix};
     * trailing slashes are ignored on both sides.
     */
    record Prefix(String value) implements PathMatcher {
        public Prefix {
            while (value.endsWith("/")) {
                value = value.substring(0, value.length() - 1);
            }
        }

        public boolean matches(String path) {
            int end = path.length();
            while (end > 0 && path.charAt(end - 1) == '/') {
                end--;
            }
            if (end < value.length() || !path.startsWith(value)) {
                return false;
            }
            return end == value.length() || path.charAt(value.length()) == '/';
        }

        public int specificity() {
            return value.length() * 2 + 1;
        }

        public String written() {
            return value.isEmpty() ? "/" : value;
        }
    }

    /** The whole path matches the regular expression. */
    record Regex(Pattern pattern) implements PathMatcher {
        public boolean matches(String path) {
            return pattern.matcher(path).matches();
        }

        public int specificity() {
            return pattern.pattern().length() * 2;
        }

        public String written() {
            return pattern.pattern();
        }
    }
}
