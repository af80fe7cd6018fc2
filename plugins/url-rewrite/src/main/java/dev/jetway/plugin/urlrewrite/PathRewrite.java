package dev.jetway.plugin.urlrewrite;

import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.api.ConfigException;
import org.eclipse.jetty.http.HttpURI;

/** agentgateway's {@code path}: {@code {full: "/x"}} | {@code {prefix: "/x"}}, and the path each one makes. */
sealed interface PathRewrite {

    /** An absolute path of URI characters (percent-encoded where needed), without query or fragment. */
    Pattern PATH = Pattern.compile("/[A-Za-z0-9\\-._~!$&'()*+,;=:@/%]*");

    /**
     * The new path, without the query.
     *
     * @param matchedPrefix the {@code pathPrefix} the route matched, without trailing slashes; {@code null} when it
     *                      matched by an exact path or a regex
     * @throws PrefixMismatch when this rewrite replaces a prefix and the route matched without one
     */
    String apply(HttpURI original, String matchedPrefix);

    /** The path is replaced; the query stays. */
    record Full(String path) implements PathRewrite {
        public String apply(HttpURI original, String matchedPrefix) {
            return path;
        }
    }

    /** The prefix the route matched is replaced; the rest of the path and the query stay. */
    record Prefix(String prefix) implements PathRewrite {
        public String apply(HttpURI original, String matchedPrefix) {
            if (matchedPrefix == null) {
                throw new PrefixMismatch();
            }
            // The route matched the canonical path; the raw one is forwarded when it starts the same way.
            String path = original.getPath().startsWith(matchedPrefix) ? original.getPath() : original.getCanonicalPath();
            String rest = path.substring(matchedPrefix.length());
            StringBuilder rewritten = new StringBuilder(prefix);
            if (!prefix.endsWith("/") && !rest.isEmpty() && !rest.startsWith("/")) {
                rewritten.append('/');
            }
            if (prefix.endsWith("/") && rest.startsWith("/")) {
                rewritten.setLength(rewritten.length() - 1);
            }
            return rewritten.append(rest).toString();
        }
    }

    /** A prefix rewrite on a route that matched by an exact path or a regex, which agentgateway answers with 500. */
    final class PrefixMismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PrefixMismatch() {
            super("path.prefix needs a route matched by pathPrefix, but it matched by exact path or regex", null, false, false);
        }
    }

    /** @return {@code null} when {@code node} is absent */
    static PathRewrite parse(JsonNode node, String field) throws ConfigException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject() || node.size() != 1 || !(node.has("full") || node.has("prefix"))) {
            throw new ConfigException(field, "expected {full: \"/path\"} or {prefix: \"/path\"}");
        }
        String key = node.has("full") ? "full" : "prefix";
        JsonNode value = node.get(key);
        if (!value.isTextual() || !PATH.matcher(value.asText()).matches()) {
            throw new ConfigException(field + "." + key, "expected an absolute path such as /api/v2 (no query, no spaces;"
                    + " percent-encode other characters) but found " + value);
        }
        return key.equals("full") ? new Full(value.asText()) : new Prefix(value.asText());
    }
}
