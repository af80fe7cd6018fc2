package dev.jetway.plugin.remoteratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code remoteRateLimit} accepts, and how it names what it refuses. */
class RemoteRateLimitFactoryTest {

    private static final String AT = "binds[0].listeners[0].routes[0].policies.remoteRateLimit";

    @TempDir
    Path dir;

    /** The problems of a route whose remoteRateLimit is {@code value}, without their file:line:col. */
    private List<String> problems(String value) {
        return TestGateway.problems("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - policies:
                        remoteRateLimit:
                %s
                """.formatted(value.indent(10).stripTrailing()), dir).stream()
                .map(problem -> problem.substring(problem.indexOf(": ") + 2)).toList();
    }

    @Test
    void aCompleteConfigIsAccepted() {
        assertEquals(List.of(), problems("""
                domain: d
                host: "rls.internal:8081"
                failureMode: FailClosed
                policies: {http: {requestTimeout: 250ms}}
                descriptors:
                - entries: [{key: user, value: 'jwt.sub'}, {key: path, value: 'request.path'}]
                  type: requests
                  limitOverride: '{"unit": "second", "requestsPerUnit": 5}'
                - entries: []
                """));
        assertEquals(List.of(), problems("{domain: d, host: \"[::1]:8081\", descriptors: []}"));
    }

    @Test
    void requiredFieldsAndTheirShapes() {
        assertEquals(List.of(
                AT + ".domain: domain is required: the rate limit service's configuration it selects",
                AT + ".host: host is required: the rate limit service's address, such as \"127.0.0.1:8081\"",
                AT + ".descriptors: descriptors is required: [{entries: [{key: user, value: 'jwt.sub'}]}]"),
                problems("{failureMode: failOpen}"));
        assertEquals(List.of(AT + ".failureMode: invalid value \"sometimes\"; allowed values: failClosed (the default:"
                        + " a 500 when the service fails), failOpen"),
                problems("{domain: d, host: \"h:1\", descriptors: [], failureMode: sometimes}"));
        assertEquals(List.of(AT + ".descriptors[0].entries[0]: an entry is {key: <name>, value: <CEL>}, both required",
                        AT + ".descriptors[1].entries: entries is required: [{key: user, value: 'jwt.sub'}]"),
                problems("{domain: d, host: \"h:1\", descriptors: [{entries: [{key: k}]}, {type: requests}]}"));
    }

    @Test
    void hostIsHostColonPort() {
        for (String host : List.of("http://h:1", "h", "h:x", ":80", "h:0", "::1:80")) {
            List<String> problems = problems("{domain: d, host: \"" + host + "\", descriptors: []}");
            assertEquals(1, problems.size(), host + ": " + problems);
            assertEquals(true, problems.get(0).startsWith(AT + ".host: invalid host \"" + host + "\""), problems.get(0));
        }
    }

    @Test
    void celIsCompiledWhenTheConfigLoads() {
        List<String> problems = problems("""
                domain: d
                host: "h:1"
                descriptors:
                - entries: [{key: user, value: 'jwt.sub +'}]
                  limitOverride: 'nope('
                """);
        assertEquals(2, problems.size(), problems.toString());
        assertEquals(true, problems.get(0).startsWith(AT + ".descriptors[0].entries[0].value: "), problems.get(0));
        assertEquals(true, problems.get(1).startsWith(AT + ".descriptors[0].limitOverride: "), problems.get(1));
    }

    @Test
    void whatJetwayDoesNotSupportIsRefusedByName() {
        assertEquals(List.of(AT + ".descriptors[0].type: type \"tokens\" (LLM token budgets) is an agentgateway setting"
                        + " that jetway does not support yet; supported: requests"),
                problems("{domain: d, host: \"h:1\", descriptors: [{entries: [{key: k, value: '\"v\"'}], type: tokens}]}"));
        assertEquals(List.of(AT + ".backend: backend references are an agentgateway setting that jetway does not"
                        + " support yet for remoteRateLimit; name the service with host: \"h:p\""),
                problems("{domain: d, backend: rls, descriptors: []}"));
        assertEquals(List.of(AT + ".service: service references (Kubernetes services) are an agentgateway setting"
                        + " that jetway does not support yet; name the rate limit service with host: \"h:p\""),
                problems("{domain: d, service: {name: {namespace: ns, hostname: rls}, port: 8081}, descriptors: []}"));
        assertEquals(List.of(AT + ": name the rate limit service with exactly one of host, backend and service"),
                problems("{domain: d, host: \"h:1\", backend: rls, descriptors: []}"));
        assertEquals(List.of(
                AT + ".policies.backendTLS: \"backendTLS\" is an agentgateway setting that jetway does not support yet"
                        + " for the rate limit service (a cleartext HTTP/2 connection); supported: http.requestTimeout",
                AT + ".policies.http.version: gRPC always speaks HTTP/2: version is not supported for the rate limit service",
                AT + ".policies.nonsense: unknown key \"nonsense\"; allowed keys: http"),
                problems("{domain: d, host: \"h:1\", descriptors: [], policies: {backendTLS: {}, http: {version: HTTP2},"
                        + " nonsense: 1}}"));
        assertEquals(List.of(AT + ".descriptors[0].cost: unknown key \"cost\"; allowed keys: entries, limitOverride, type"),
                problems("{domain: d, host: \"h:1\", descriptors: [{entries: [], cost: '1'}]}"));
    }
}
