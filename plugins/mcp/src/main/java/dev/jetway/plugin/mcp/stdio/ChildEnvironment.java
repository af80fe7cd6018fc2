package dev.jetway.plugin.mcp.stdio;

import java.util.Map;
import java.util.Set;

/**
 * The environment of a stdio child: what a program needs to run (where commands are, the user's home and temporary
 * folder, locale and time zone) taken from the gateway's environment, plus the target's own {@code env}. Nothing else
 * of the gateway's environment is passed: it holds the gateway's secrets ({@code SESSION_KEY}, tokens in
 * {@code ${VAR}}s of the config), and a child is code the gateway does not control, often fetched by {@code npx}.
 * A child that needs more gets it by name in its target's {@code env}, such as {@code HTTPS_PROXY: $HTTPS_PROXY}.
 */
final class ChildEnvironment {

    /** Passed through when the gateway has them: what a shell's login would set, nothing an operator adds. */
    static final Set<String> INHERITED = Set.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "TMPDIR", "TZ", "LANG",
            "LANGUAGE", "TERM");

    private ChildEnvironment() {
    }

    /**
     * Replaces {@code environment} (a {@link ProcessBuilder}'s, a copy of the gateway's) with the child's.
     *
     * @param own the target's {@code env}, which wins over anything inherited
     */
    static void apply(Map<String, String> environment, Map<String, String> own) {
        environment.keySet().removeIf(name -> !inherited(name));
        environment.putAll(own);
    }

    private static boolean inherited(String name) {
        return INHERITED.contains(name) || name.startsWith("LC_");
    }
}
