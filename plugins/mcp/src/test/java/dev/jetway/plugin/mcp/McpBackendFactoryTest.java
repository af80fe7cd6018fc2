package dev.jetway.plugin.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config binding and the errors users see, with file, line and field, as {@code --validate-only} prints them. */
class McpBackendFactoryTest {

    @TempDir
    Path dir;

    private List<String> problems(String mcp) {
        String yaml = """
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - backends:
                      - mcp:
                %s
                """.formatted(mcp.indent(10).stripTrailing());
        return TestGateway.problems(yaml, dir);
    }

    private void assertProblem(String mcp, String expected) {
        List<String> problems = problems(mcp);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(expected), problems.get(0) + "\n does not contain: " + expected);
    }

    @Test
    void theDocumentsConfigsAreValid() {
        assertEquals(List.of(), problems("""
                targets:
                - name: everything
                  stdio: {cmd: npx, args: ["@modelcontextprotocol/server-everything"]}
                """));
        assertEquals(List.of(), problems("""
                targets:
                - name: time
                  stdio: {cmd: uvx, args: ["mcp-server-time"], env: {TZ: UTC}}
                - name: remote.v2
                  http: {host: api.example.com, port: 443}
                - name: legacy
                  sse: {host: "http://127.0.0.1:3001/sse"}
                - name: streamable
                  mcp: {host: "https://h/mcp"}
                statefulMode: stateless
                prefixMode: always
                failureMode: failOpen
                requestTimeout: 2m
                sessionIdleTimeout: 1h30m
                maxRequestBodySize: 1048576
                keepAliveInterval: 5s
                """));
    }

    @Test
    void aTargetNameThatBreaksTheNameRuleIsRefused() {
        assertProblem("targets:\n- name: my_target\n  stdio: {cmd: x}",
                "<inline>:8:19: binds[0].listeners[0].routes[0].backends[0].mcp.targets[0].name: target name \"my_target\" is invalid");
        assertProblem("targets:\n- name: Upper\n  stdio: {cmd: x}", "target name \"Upper\" is invalid");
        assertProblem("targets:\n- name: a+b\n  stdio: {cmd: x}", "target name \"a+b\" is invalid");
        assertProblem("targets:\n- name: -dash\n  stdio: {cmd: x}", "target name \"-dash\" is invalid");
        assertProblem("targets:\n- stdio: {cmd: x}", "targets[0].name: name is required");
        assertProblem("targets:\n- name: a\n  stdio: {cmd: x}\n- name: a\n  stdio: {cmd: y}", "targets[1].name: target name \"a\" is used twice");
    }

    /** The kinds come from extensions: the plugin's four, and the test class path's {@code memory}. */
    @Test
    void aTargetNeedsExactlyOneKnownKind() {
        assertProblem("targets:\n- name: a", "targets[0]: target \"a\" needs one of http, mcp, memory, sse, stdio");
        assertProblem("targets:\n- name: a\n  stdio: {cmd: x}\n  sse: {host: h}", "target \"a\" has stdio and sse; give exactly one of");
        assertProblem("targets:\n- name: a\n  grpc: {host: h}", "targets[0].grpc: unknown key \"grpc\"; allowed keys: name, policies, http, mcp, memory, sse, stdio");
        // openapi targets come from the mcp-openapi plugin, which this module's tests do not load.
        assertProblem("targets:\n- name: a\n  openapi: {host: h, schema: {file: x.json}}",
                "targets[0].openapi: unknown key \"openapi\"; allowed keys: name, policies, http, mcp, memory, sse, stdio");
        assertProblem("targets:\n- name: a\n  stdio: {cmd: x}\n  policies: {mcpAuthorization: {rules: []}}",
                "targets[0].policies: target policies are an agentgateway setting that jetway does not support yet");
        assertProblem("targets: []", "targets: targets needs at least one target");
    }

    @Test
    void targetConfigsAreCheckedFieldByField() {
        assertProblem("targets:\n- name: a\n  stdio: {args: [x]}", "targets[0].stdio.cmd: cmd is required");
        assertProblem("targets:\n- name: a\n  stdio: {cmd: x, argv: [y]}", "targets[0].stdio.argv: unknown key \"argv\"; allowed keys: args, cmd, env");
        assertProblem("targets:\n- name: a\n  stdio: {cmd: x, args: y}", "targets[0].stdio.args: expected a list");
        assertProblem("targets:\n- name: a\n  sse: {port: 80}", "targets[0].sse.host: host is required");
        assertProblem("targets:\n- name: a\n  mcp: {host: \"ftp://h/x\"}", "scheme ftp is not supported; use http or https");
        assertProblem("targets:\n- name: a\n  http: {host: h, port: 70000}", "targets[0].http.port: port 70000 is out of range 1-65535");
        assertProblem("targets:\n- name: a\n  http: {host: h, path: mcp}", "targets[0].http.path: path \"mcp\" must start with /");
    }

    @Test
    void modesListTheirAllowedValuesAndLimitsMustBePositive() {
        assertProblem("targets:\n- name: a\n  stdio: {cmd: x}\nstatefulMode: sometimes", "allowed values: \"stateful\", \"stateless\"");
        assertProblem("targets:\n- name: a\n  stdio: {cmd: x}\nprefixMode: never", "allowed values: \"conditional\", \"always\"");
        assertProblem("targets:\n- name: a\n  stdio: {cmd: x}\nfailureMode: FailOpen", "allowed values: \"failClosed\", \"failOpen\"");
        assertProblem("targets:\n- name: a\n  stdio: {cmd: x}\nmaxRequestBodySize: 0", "maxRequestBodySize: maxRequestBodySize must be a positive number of bytes");
        assertProblem("targets:\n- name: a\n  stdio: {cmd: x}\nrequestTimeout: 0s", "requestTimeout: requestTimeout must be at least 100ms");
        assertProblem("targets:\n- name: a\n  stdio: {cmd: x}\nrequestTimeout: 1ns", "requestTimeout: requestTimeout must be at least 100ms");
        assertProblem("targets:\n- name: a\n  stdio: {cmd: x}\nsessionMaxAge: 0s", "sessionMaxAge: sessionMaxAge must be at least 1s");
        assertProblem("targets:\n- name: a\n  stdio: {cmd: x}\nmaxSessions: 0", "maxSessions: maxSessions must be a positive number of sessions");
        assertProblem("targets:\n- name: a\n  stdio: {cmd: x}\nmaxBatchSize: -1", "maxBatchSize: maxBatchSize must be a positive number of messages");
        assertProblem("targets:\n- name: a\n  stdio: {cmd: x}\nbogus: 1", "unknown key \"bogus\"");
    }
}
