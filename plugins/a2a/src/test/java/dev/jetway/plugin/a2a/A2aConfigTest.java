package dev.jetway.plugin.a2a;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(List.of(), TestGateway.policyProblems("a2a: {}", dir));
        assertEquals(List.of(), TestGateway.policyProblems("a2a:", dir));
        List<String> problems = TestGateway.policyProblems("a2a: {rewriteCard: false}", dir);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("<inline>:6:15: binds[0].listeners[0].routes[0].policies.a2a.rewriteCard:"
                + " unknown key \"rewriteCard\""), problems.get(0));
    }
}
