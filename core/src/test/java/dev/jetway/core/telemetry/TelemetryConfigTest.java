package dev.jetway.core.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is wrong with a telemetry config, located and explained. */
class TelemetryConfigTest {

    @TempDir
    Path dir;

    @Test
    void accessLogRulesAreCheckedAndOtlpExportIsRefusedByName() {
        assertEquals(List.of(
                "<inline>:4:16: config.logging.fields.add.a: invalid CEL expression \"nope(\": mismatched input '<EOF>' expecting {'[', '{', '(', ')', '.', '-', '!', 'true', 'false', 'null', "
                        + "NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}",
                "<inline>:7:13: frontendPolicies.accessLog.filter: invalid CEL expression \"unknownVariable == 1\": "
                        + "undeclared reference to 'unknownVariable' (in container '')",
                "<inline>:8:5: frontendPolicies.accessLog.otlp: exporting access logs over OTLP is not supported; the access "
                        + "log goes to stdout or a file (config.logging.accessLog)"),
                TestGateway.problems("""
                        config:
                          logging:
                            fields:
                              add: {a: 'nope('}
                        frontendPolicies:
                          accessLog:
                            filter: unknownVariable == 1
                            otlp: {host: "localhost:4317"}
                        binds: [{port: 0, listeners: [{routes: [{backends: [{testEcho: {name: a}}]}]}]}]
                        """, dir));
    }

    @Test
    void tracingSettingsAreCheckedAndUnsupportedServiceReferencesRefusedByName() {
        assertEquals(List.of(
                "<inline>:5:5: frontendPolicies.tracing.backend: \"backend\" as where spans go is not supported; "
                        + "write host: \"<host>:<port>\" of the collector",
                "<inline>:6:5: frontendPolicies.tracing.policies: \"policies\" for the connection to the collector "
                        + "(backendTLS, backendAuth, ...) are not supported",
                "<inline>:7:21: frontendPolicies.tracing.randomSampling: a sampling probability is between 0.0 and 1.0, not 2",
                "<inline>:8:31: frontendPolicies.tracing.resources.service.name: a resource attribute is computed once, "
                        + "without a request: evaluation error at <input>:7: key 'path' is not present in map.",
                "<inline>:10:3: frontendPolicies.http: \"http\" is an agentgateway setting that jetway does not support yet"),
                TestGateway.problems("""
                        frontendPolicies:
                          tracing:
                            # where spans go
                            host: localhost:4317
                            backend: otel
                            policies: {backendTLS: {}}
                            randomSampling: 2
                            resources: {service.name: request.path}
                          # listener settings
                          http: {maxBufferSize: 1024}
                        binds: [{port: 0, listeners: [{routes: [{backends: [{testEcho: {name: a}}]}]}]}]
                        """, dir));
    }

    @Test
    void theGlobalTracingNeedsACollectorAddress() {
        assertEquals(List.of(
                "<inline>:3:5: config.tracing: otlpEndpoint is required, such as http://localhost:4317",
                "<inline>:5:21: config.tracing.clientSampling: expected true, false, a probability such as 0.1 or a CEL expression"),
                TestGateway.problems("""
                        config:
                          tracing:
                            otlpProtocol: http
                            randomSampling: 0.5
                            clientSampling: [1]
                        binds: [{port: 0, listeners: [{routes: [{backends: [{testEcho: {name: a}}]}]}]}]
                        """, dir));
    }
}
