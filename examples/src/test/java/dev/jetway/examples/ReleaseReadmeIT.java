package dev.jetway.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.jetway.core.testing.Release;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README at the top of the unpacked release, read as its user reads it: nothing to build, every file it names is
 * there, and its quick start works from the release folder.
 */
class ReleaseReadmeIT {

    /** A path into the installation, as the README writes it. */
    private static final Pattern PATH = Pattern.compile("\\b(?:bin|conf|lib|plugins|examples)/[\\w./-]*");

    @TempDir
    static Path dir;
    static Path home;
    static String readme;

    @BeforeAll
    static void unpack() throws Exception {
        home = Release.unpack(dir);
        readme = Files.readString(home.resolve("README.md"));
    }

    @Test
    void itNeverAsksForABuildAndEveryFileItNamesIsThere() {
        assertFalse(readme.contains("mvn") || readme.toLowerCase(Locale.ROOT).contains("maven"), readme);
        Matcher paths = PATH.matcher(readme);
        int named = 0;
        while (paths.find()) {
            String path = paths.group().replaceAll("[.]$", "");
            if (path.contains("*") || path.startsWith("examples/plugin-example")) {
                continue; // a pattern, or the plugin source that the repository (not the release) holds
            }
            named++;
            assertTrue(Files.exists(home.resolve(path)), path + " is named by the README but not in the release");
        }
        assertTrue(named >= 8, named + " paths named");
        assertTrue(Files.isExecutable(home.resolve("bin/jetway")) && Files.isExecutable(home.resolve("examples/tls/make-cert.sh")));
    }

    @Test
    void itsMcpSmokeTestIsTheOneTheTlsExampleDocumentsAndTests() throws Exception {
        List<String> smoke = readme.lines().filter(line -> line.startsWith("NODE_TLS_REJECT_UNAUTHORIZED=0 npx ")).toList();
        assertEquals(1, smoke.size(), readme);
        // TlsExampleSmokeIT runs the example README's lines as they are written.
        assertTrue(Files.readString(home.resolve("examples/tls/README.md")).lines().anyMatch(smoke.get(0)::equals), smoke.get(0));
    }

    @Test
    void itsQuickStartConfigIsValidFromTheReleaseFolder() throws Exception {
        String made = run("examples/tls/make-cert.sh");
        assertTrue(made.contains("/examples/tls/cert.pem"), made);
        String validated = run("bin/jetway", "-f", "examples/tls/config.yaml", "--validate-only");
        assertTrue(validated.contains("examples/tls/config.yaml: config is valid"), validated);
    }

    /** Runs a command of the README in the release folder; it must succeed. @return what it printed */
    private static String run(String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_OPTS", "-Xshare:off");
        builder.command().set(0, home.resolve(command[0]).toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " did not end");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + out);
        return out;
    }
}
