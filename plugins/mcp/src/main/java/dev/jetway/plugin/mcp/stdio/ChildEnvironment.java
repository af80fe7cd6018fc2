package dev.jetway.plugin.mcp.stdio;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The environment of a stdio child: what a program needs to run (where commands are, the user's home and temporary
 * folder, locale and time zone) taken from the gateway's environment, plus the target's own {@code env}. Nothing else
 * of the gateway's environment is passed: it holds the gateway's secrets ({@code SESSION_KEY}, tokens in
 * {@code ${VAR}}s of the config), and a child is code the gateway does not control, often fetched by {@code npx}.
 * A child that needs more gets it by name in its target's {@code env}, such as {@code HTTPS_PROXY: $HTTPS_PROXY}.
 * <p>
 * An {@code npx} command also gets {@code npm_config_yes=true}: npx asks before it installs a package, a child has no
 * terminal to answer on, and where npm is configured {@code yes=false} npx gives up instead, so that the reference
 * doc's {@code npx @modelcontextprotocol/server-everything} would never start. A target's {@code env} may set it.
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
     * @param command the child's command line
     * @param own     the target's {@code env}, which wins over anything inherited or implied
     */
    static void apply(Map<String, String> environment, List<String> command, Map<String, String> own) {
        environment.keySet().removeIf(name -> !inherited(name));
        if (npx(command.get(0))) {
            environment.put("npm_config_yes", "true");
        }
        environment.putAll(own);
    }

    private static boolean npx(String program) {
        String name = Path.of(program).getFileName().toString();
        return name.equals("npx") || name.equals("npx.cmd");
    }

    private static boolean inherited(String name) {
        return INHERITED.contains(name) || name.startsWith("LC_");
    }
}
