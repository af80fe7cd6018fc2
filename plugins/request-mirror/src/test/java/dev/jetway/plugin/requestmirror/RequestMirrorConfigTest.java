package dev.jetway.plugin.requestmirror;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code requestMirror} config: agentgateway's example loads; other backend references are refused by name. */
class RequestMirrorConfigTest {

    @TempDir
    Path dir;

    private List<String> problems(String policies) {
        return TestGateway.policyProblems(policies, dir);
    }

    @Test
    void agentgatewaysHttpExampleLoads() {
        assertEquals(List.of(), problems("""
                # Mirror 50% of requests
                requestMirror:
                  backend:
                    host: 127.0.0.1:8081
                  percentage: .5
                """));
    }

    @Test
    void serviceAndNamedBackendReferencesAreRefusedByName() {
        assertEquals(List.of(
                "<inline>:6:44: binds[0].listeners[0].routes[0].policies.requestMirror.backend.service: mirroring to a service"
                        + " reference is not supported; use {host: \"host:port\"}"),
                problems("requestMirror: {backend: {service: {name: {namespace: default, hostname: svc}, port: 80}}, percentage: 1}"));
        assertEquals(List.of(
                "<inline>:6:44: binds[0].listeners[0].routes[0].policies.requestMirror.backend.backend: mirroring to a named"
                        + " backend is not supported; use {host: \"host:port\"}"),
                problems("requestMirror: {backend: {backend: shadow}, percentage: 1}"));
    }

    @Test
    void hostAndPercentageAreChecked() {
        assertEquals(List.of(
                "<inline>:6:41: binds[0].listeners[0].routes[0].policies.requestMirror.backend.host: invalid host \"shadow\":"
                        + " expected host:port, such as 10.0.0.9:8080",
                "<inline>:6:62: binds[0].listeners[0].routes[0].policies.requestMirror.percentage: percentage 50.0 is out of"
                        + " range 0.0-1.0"),
                problems("requestMirror: {backend: {host: shadow}, percentage: 50}"));
        assertEquals(List.of(
                "<inline>:6:24: binds[0].listeners[0].routes[0].policies.requestMirror.backend: backend is required, such as"
                        + " {host: \"10.0.0.9:8080\"}",
                "<inline>:6:24: binds[0].listeners[0].routes[0].policies.requestMirror.percentage: percentage is required: the share of"
                        + " requests to mirror, 0.0-1.0"),
                problems("requestMirror: {}"));
    }
}
