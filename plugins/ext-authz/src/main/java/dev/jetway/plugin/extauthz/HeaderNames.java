package dev.jetway.plugin.extauthz;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;

/** Header names of the config, lower-cased, and the pseudo headers agentgateway's {@code HeaderOrPseudo} allows. */
final class HeaderNames {

    static final Set<String> PSEUDO = Set.of(":method", ":scheme", ":authority", ":path");

    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9a-zA-Z-]+";

    private HeaderNames() {
    }

    /**
     * @param field   where the names are written, such as {@code includeRequestHeaders}
     * @param written the names, or {@code null}
     * @param pseudo  the pseudo headers allowed here
     * @throws ConfigException naming each invalid entry, such as {@code includeRequestHeaders[2]}
     */
    static List<String> parse(String field, Collection<String> written, Set<String> pseudo) throws ConfigException {
        List<String> names = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        int i = 0;
        for (String name : written == null ? List.<String>of() : written) {
            String at = field + "[" + i++ + "]";
            String problem = problem(name, pseudo);
            if (problem != null) {
                problems.add(new ConfigProblem(at, problem));
            } else {
                names.add(name.toLowerCase(Locale.ROOT));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return names;
    }

    /** What is wrong with {@code name}, or {@code null}. */
    static String problem(String name, Set<String> pseudo) {
        if (name == null || name.isEmpty()) {
            return "expected a header name, such as cookie";
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith(":")) {
            return pseudo.contains(lower) ? null : "unsupported pseudo header \"" + name + "\" here; allowed: "
                    + String.join(", ", pseudo.stream().sorted().toList());
        }
        return name.matches(TOKEN) ? null : "invalid header name \"" + name + "\"";
    }
}
