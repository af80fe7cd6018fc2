package dev.jetway.plugin.extauthz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code extAuthz} refuses, and how it says so. */
class ExtAuthzConfigTest {

    private static final String AT = "binds[0].listeners[0].routes[0].policies.extAuthz";

    @TempDir
    Path dir;

    private List<String> problems(String extAuthz) {
        return TestGateway.problems("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - backends: [{host: 127.0.0.1:8080}]
                      policies:
                        extAuthz: %s
                """.formatted(extAuthz), dir).stream().map(p -> p.replaceFirst("^<inline>:\\d+:\\d+: ", "")).toList();
    }

    @Test
    void grpcIsTheDefaultProtocol() {
        assertEquals(List.of(), problems("{host: \"127.0.0.1:9000\"}"));
        assertEquals(List.of(), problems("{host: localhost:9000, protocol: {grpc: {context: {tenant: a},"
                + " metadata: {example.com/user: '{\"sub\": jwt.sub}'}}}}"));
    }

    @Test
    void grpcNeedsHostAndPortAndChecksItsKeysAndExpressions() {
        assertEquals(List.of(AT + ".host: extAuthz over grpc (the default protocol) cannot reach a Unix socket yet; give"
                + " the service's \"host:port\", or use protocol: {http: {}} for an HTTP service on \"unix:/run/authz.sock\""),
                problems("{host: \"unix:/run/authz.sock\"}"));
        assertEquals(List.of(AT + ".protocol.grpc.contexts: unknown key \"contexts\"; allowed keys: context, metadata"),
                problems("{host: localhost:9000, protocol: {grpc: {contexts: {tenant: a}}}}"));
        List<String> cel = problems("{host: localhost:9000, protocol: {grpc: {metadata: {a: 'request.path +'}}}}");
        assertEquals(1, cel.size(), cel.toString());
        assertTrue(cel.get(0).startsWith(AT + ".protocol.grpc.metadata.a: invalid CEL expression"), cel.get(0));
    }

    @Test
    void theProtocolIsExactlyOneKnownKey() {
        assertEquals(List.of(AT + ".protocol: expected exactly one of grpc, http, such as {grpc: {}} or"
                + " {http: {path: '\"/oauth2/auth\"'}}"),
                problems("{host: localhost:9000, protocol: {grpc: {}, http: {}}}"));
        assertEquals(List.of(AT + ".protocol.websocket: unknown protocol \"websocket\"; allowed: grpc, http"),
                problems("{host: localhost:9000, protocol: {websocket: {}}}"));
        assertEquals(List.of(AT + ".protocol.http.pathPrefix: unknown key \"pathPrefix\"; allowed keys: addRequestHeaders,"
                + " includeResponseHeaders, metadata, path, redirect"), problems("{host: localhost:9000, protocol: {http: {pathPrefix: /x}}}"));
    }

    @Test
    void backendAndServiceReferencesAreRefusedByName() {
        assertEquals(List.of(AT + ".backend: extAuthz with a backend reference is not supported yet; write the service's"
                + " address as host: \"host:port\" or host: \"unix:/path/to.sock\""),
                problems("{backend: authz, protocol: {http: {}}}"));
        assertEquals(List.of(AT + ".service: extAuthz with a service reference is not supported yet; write the service's"
                + " address as host: \"host:port\" or host: \"unix:/path/to.sock\""),
                problems("{service: {name: {namespace: ns, hostname: authz}, port: 9000}, protocol: {http: {}}}"));
        assertEquals(List.of(AT + ".host: host is required: the authorization service's \"host:port\" or \"unix:/path/to.sock\""),
                problems("{protocol: {http: {}}}"));
        assertEquals(List.of(AT + ".host: invalid address \"http://localhost:9000\"; expected \"host:port\" such as"
                + " localhost:9000, or \"unix:/path/to.sock\""), problems("{host: \"http://localhost:9000\", protocol: {http: {}}}"));
    }

    @Test
    void failureModeIsAllowDenyOrDenyWithStatus() {
        assertEquals(List.of(AT + ".failureMode: invalid value \"open\"; expected allow, deny (the default) or"
                + " {denyWithStatus: <status>}"), problems("{host: localhost:9000, protocol: {http: {}}, failureMode: open}"));
        assertEquals(List.of(AT + ".failureMode.denyWithStatus: expected an HTTP status from 200 to 599, such as 503"),
                problems("{host: localhost:9000, protocol: {http: {}}, failureMode: {denyWithStatus: 42}}"));
        assertEquals(List.of(), problems("{host: localhost:9000, protocol: {http: {}}, failureMode: {denyWithStatus: 503}}"));
    }

    @Test
    void headerNamesAndExpressionsAreChecked() {
        assertEquals(List.of(
                AT + ".includeRequestHeaders[1]: invalid header name \"bad header\"",
                AT + ".includeRequestHeaders[2]: unsupported pseudo header \":status\" here; allowed: :authority, :method, :path, :scheme"),
                problems("{host: localhost:9000, protocol: {http: {}}, includeRequestHeaders: [cookie, bad header, \":status\"]}"));
        assertEquals(List.of(AT + ".includeRequestHeaders[0]: unsupported pseudo header \":scheme\" here; allowed: :authority,"
                + " :method, :path"), problems("{host: localhost:9000, protocol: {http: {}}, includeRequestHeaders: [\":scheme\"]}"));
        List<String> cel = problems("{host: localhost:9000, protocol: {http: {path: 'request.path +', metadata: {user: 'nosuch.x'}}}}");
        assertEquals(2, cel.size(), cel.toString());
        assertEquals(true, cel.get(0).startsWith(AT + ".protocol.http.path: invalid CEL expression"), cel.get(0));
        assertEquals(true, cel.get(1).startsWith(AT + ".protocol.http.metadata.user: invalid CEL expression"), cel.get(1));
    }

    @Test
    void onlyTheRequestTimeoutOfTheServicePoliciesIsSupported() {
        assertEquals(List.of(AT + ".policies.backendTLS: policy \"backendTLS\" for the authorization service is not supported"
                + " yet; supported: http.requestTimeout"), problems("{host: localhost:9000, protocol: {http: {}}, policies: {backendTLS: {}}}"));
        assertEquals(List.of(AT + ".policies.http.requestTimeout: invalid duration \"soon\"; write a number with a unit (ns, us, ms, s, m, h), such as 500ms, 10s or 1h30m"),
                problems("{host: localhost:9000, protocol: {http: {}}, policies: {http: {requestTimeout: soon}}}"));
        assertEquals(List.of(), problems("{host: localhost:9000, protocol: {http: {}}, policies: {http: {requestTimeout: 1s}}}"));
    }

    @Test
    void aListenerMayCarryItButABackendMayNot() {
        List<String> problems = TestGateway.problems("""
                binds:
                - port: 0
                  listeners:
                  - policies:
                      extAuthz: {host: localhost:9000, protocol: {http: {}}}
                    routes:
                    - backends:
                      - host: 127.0.0.1:8080
                        policies:
                          extAuthz: {host: localhost:9000, protocol: {http: {}}}
                """, dir);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(true, problems.get(0).contains("routes[0].backends[0].policies.extAuthz: policy \"extAuthz\" cannot be used"
                + " in a backend's policies; it applies to: [listener, route]"), problems.get(0));
    }
}
