package dev.jetway.plugin.jwtauth;

/**
 * camelCase to snake_case as agentgateway converts {@code resourceMetadata} keys (Rust's heck):
 * {@code scopesSupported} → {@code scopes_supported}, {@code resourceURI} → {@code resource_uri}.
 */
final class SnakeCase {

    private SnakeCase() {
    }

    static String of(String key) {
        StringBuilder out = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '_' || c == '-' || c == ' ') {
                separate(out);
                continue;
            }
            if (Character.isUpperCase(c)) {
                char previous = i > 0 ? key.charAt(i - 1) : '_';
                boolean nextLower = i + 1 < key.length() && Character.isLowerCase(key.charAt(i + 1));
                // a word starts after a lower-case letter or digit, or as the last capital of an acronym
                if (Character.isLowerCase(previous) || Character.isDigit(previous)
                        || Character.isUpperCase(previous) && nextLower) {
                    separate(out);
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void separate(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
            out.append('_');
        }
    }
}
