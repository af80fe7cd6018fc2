package dev.jetway.plugin.headermodifiers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config errors of the header modifiers, as users see them. */
class HeaderModifierConfigTest {

    @TempDir
    Path dir;

    @Test
    void namesAndValuesAreCheckedAndAllProblemsReported() {
        List<String> problems = TestGateway.policyProblems("""
                requestHeaderModifier:
                  add: {"bad name": x}
                  set: {x-ok: "line\\nbreak"}
                  remove: [x-fine, ":path"]
                responseHeaderModifier:
                  append: {x: y}
                """, dir);
        assertEquals(List.of(
                "<inline>:7:29: binds[0].listeners[0].routes[0].policies.requestHeaderModifier.add.bad name: invalid header"
                        + " name \"bad name\": letters, digits and !#$%&'*+-.^_`|~ only",
                "<inline>:8:23: binds[0].listeners[0].routes[0].policies.requestHeaderModifier.set.x-ok: invalid value for"
                        + " header x-ok: expected printable ASCII text on one line",
                "<inline>:9:28: binds[0].listeners[0].routes[0].policies.requestHeaderModifier.remove[1]: invalid header"
                        + " name \":path\": letters, digits and !#$%&'*+-.^_`|~ only",
                "<inline>:11:11: binds[0].listeners[0].routes[0].policies.responseHeaderModifier.append: unknown key"
                        + " \"append\"; allowed keys: add, remove, set"),
                problems);
    }

    @Test
    void listenerPoliciesAreNotWhereTheyGo() {
        List<String> problems = TestGateway.problems("""
                binds:
                - port: 0
                  listeners:
                  - policies:
                      requestHeaderModifier: {set: {x: y}}
                    routes:
                    - backends: [{host: "127.0.0.1:9"}]
                """, dir);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(true, problems.get(0).contains("cannot be used in a listener's policies"), problems.get(0));
    }
}
