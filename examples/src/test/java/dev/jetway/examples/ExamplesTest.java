package dev.jetway.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example config loads with the bundled plugins, after its own certificate script has run, exactly as the
 * README tells users to run them.
 */
class ExamplesTest {

    private static final Path EXAMPLES = Path.of("").toAbsolutePath();

    @TempDir
    Path dir;

    static Stream<String> examples() throws IOException {
        try (Stream<Path> folders = Files.list(EXAMPLES)) {
            return folders.filter(f -> Files.exists(f.resolve("config.yaml"))).map(f -> f.getFileName().toString())
                    .sorted().toList().stream();
        }
    }

    @Test
    void theExamplesFolderHoldsTheDocumentedExamples() throws IOException {
        assertEquals(List.of("a2a", "http", "mtls", "openapi", "tls", "traffic"), examples().toList());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void loadsAfterItsScripts(String example) throws Exception {
        Path copy = Files.createDirectories(dir.resolve(example));
        try (Stream<Path> files = Files.list(EXAMPLES.resolve(example))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(file.getFileName());
                Files.copy(file, target);
                target.toFile().setExecutable(file.toFile().canExecute());
            }
        }
        try (Stream<Path> scripts = Files.list(copy)) {
            for (Path script : scripts.filter(f -> f.toString().endsWith(".sh")).toList()) {
                Process process = new ProcessBuilder(script.toString()).redirectErrorStream(true).start();
                String out = new String(process.getInputStream().readAllBytes());
                assertTrue(process.waitFor(60, TimeUnit.SECONDS), script + " did not finish");
                assertEquals(0, process.exitValue(), script + ": " + out);
            }
        }
        List<String> problems = TestGateway.problems(Files.readString(copy.resolve("config.yaml")), copy);
        assertEquals(List.of(), problems);
    }
}
