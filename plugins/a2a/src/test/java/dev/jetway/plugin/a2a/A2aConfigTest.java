package dev.jetway.plugin.a2a;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code a2a: {}} has no settings. */
class A2aConfigTest {

    @TempDir
    Path dir;

    @Test
    void emptyOrNullLoadsAndAnyKeyIsRefused() {
        for (String value : List.of("{}", "")) {
            assertEquals(List.of(), TestGateway.problems("""
                    binds:
                    - port: 0
                      listeners:
                      - routes:
                        - policies:
                            a2a: %s
                          backends: [{host: "127.0.0.1:9"}]
                    """.formatted(value), dir), value);
        }
        List<String> problems = TestGateway.problems("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - policies:
                        a2a: {rewriteCard: false}
                      backends: [{host: "127.0.0.1:9"}]
                """, dir);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(true, problems.get(0).contains("a2a.rewriteCard: unknown key \"rewriteCard\""), problems.get(0));
    }
}
