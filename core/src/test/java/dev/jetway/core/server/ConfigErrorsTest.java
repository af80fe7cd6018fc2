package dev.jetway.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import dev.jetway.core.testing.TestCertificates;
import dev.jetway.core.testing.TestCertificates.KeyFormat;
import dev.jetway.core.testing.TestCertificates.KeyType;
import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every config error names the line, column and field, and says what is allowed. */
class ConfigErrorsTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void certificates() {
        TestCertificates ca = TestCertificates.newCa("config errors CA");
        ca.server(KeyType.RSA, "localhost").write(dir.resolve("good"), KeyFormat.PKCS8);
        ca.server(KeyType.RSA, "localhost").write(dir.resolve("other"), KeyFormat.PKCS8);
    }

    private static List<String> problems(String yaml) {
        return TestGateway.problems(yaml, dir);
    }

    private static void assertOnly(String expected, String yaml) {
        List<String> problems = problems(yaml);
        assertEquals(List.of(expected), problems);
    }

    private static String https(String tls) {
        return """
                binds:
                - port: 3000
                  listeners:
                  - protocol: HTTPS
                    tls:
                %s
                    routes:
                    - backends:
                      - testEcho: {name: a}
                """.formatted(tls.indent(6).stripTrailing());
    }

    @Test
    void anUnknownTopLevelKeyListsTheAllowedKeys() {
        assertOnly("<inline>:1:1: binds2: unknown key \"binds2\"; allowed keys: backends, binds, config, frontendPolicies, "
                + "llm, mcp, policies, services, workloads", "binds2: []\n");
    }

    @Test
    void anUnknownListenerKeyPointsAtTheKey() {
        assertOnly("<inline>:4:5: binds[0].listeners[0].protocl: unknown key \"protocl\"; allowed keys: hostname, name, "
                + "namespace, policies, protocol, routes, tcpRoutes, tls", """
                binds:
                - port: 3000
                  listeners:
                  - protocl: HTTPS
                    routes: []
                """);
    }

    @Test
    void aWrongTypeSaysWhatWasExpected() {
        assertOnly("<inline>:2:9: binds[0].port: expected a whole number but found \"three-thousand\"", """
                binds:
                - port: three-thousand
                  listeners: []
                """);
        assertOnly("<inline>:3:14: binds[0].listeners: expected a list but found a mapping", """
                binds:
                - port: 3000
                  listeners: {name: x}
                """);
    }

    @Test
    void anUnknownProtocolListsTheValues() {
        assertOnly("<inline>:4:15: binds[0].listeners[0].protocol: invalid value \"HTTP3\"; allowed values: "
                + "\"HTTP\", \"HTTPS\", \"TLS\", \"TCP\", \"HBONE\"", """
                binds:
                - port: 3000
                  listeners:
                  - protocol: HTTP3
                    routes: []
                """);
    }

    @Test
    void tls11IsRefused() {
        assertOnly("<inline>:8:22: binds[0].listeners[0].tls.minTLSVersion: TLS version \"1.1\" is not supported: only "
                + "1.2 and 1.3 are; allowed values: \"1.2\", \"1.3\" (also TLS_V1_2, TLS_V1_3)",
                https("cert: good/cert.pem\nkey: good/key.pem\nminTLSVersion: \"1.1\""));
        assertOnly("<inline>:8:22: binds[0].listeners[0].tls.minTLSVersion: TLS version \"TLS_V1_0\" is not supported: "
                + "only 1.2 and 1.3 are; allowed values: \"1.2\", \"1.3\" (also TLS_V1_2, TLS_V1_3)",
                https("cert: good/cert.pem\nkey: good/key.pem\nminTLSVersion: TLS_V1_0"));
    }

    @Test
    void minAboveMaxIsRefused() {
        assertOnly("<inline>:8:22: binds[0].listeners[0].tls.minTLSVersion: minTLSVersion 1.3 is above maxTLSVersion 1.2",
                https("cert: good/cert.pem\nkey: good/key.pem\nminTLSVersion: 1.3\nmaxTLSVersion: 1.2"));
    }

    @Test
    void anUnknownCipherSuiteListsTheAcceptedOnes() {
        List<String> problems = problems(https("cert: good/cert.pem\nkey: good/key.pem\ncipherSuites:\n- TLS13_AES_256_GCM_SHA384\n- TLS_RSA_WITH_RC4_128_SHA"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("<inline>:10:9: binds[0].listeners[0].tls.cipherSuites[1]: unknown cipher suite "
                + "\"TLS_RSA_WITH_RC4_128_SHA\"; accepted: TLS_AES_256_GCM_SHA384 (TLS13_AES_256_GCM_SHA384), "), problems.get(0));
        assertTrue(problems.get(0).endsWith("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 (ECDHE-RSA-CHACHA20-POLY1305)"), problems.get(0));
    }

    @Test
    void aMissingCertFileIsNamed() {
        List<String> problems = problems(https("cert: nowhere/cert.pem\nkey: good/key.pem"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("<inline>:6:13: binds[0].listeners[0].tls.cert: file not found: nowhere/cert.pem"),
                problems.get(0));
    }

    @Test
    void aKeyThatDoesNotMatchTheCertIsRefused() {
        List<String> problems = problems(https("cert: good/cert.pem\nkey: other/key.pem"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("<inline>:7:12: binds[0].listeners[0].tls.key: the private key in other/key.pem "
                + "does not match the certificate in good/cert.pem (CN=localhost)"), problems.get(0));
    }

    @Test
    void aCertFileWithoutCertificatesOrAKeyFileWithoutKeysIsRefused() {
        List<String> problems = problems(https("cert: good/key.pem\nkey: good/cert.pem"));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("<inline>:6:13: binds[0].listeners[0].tls.cert: no certificate found in "), problems.get(0));
        assertTrue(problems.get(1).startsWith("<inline>:7:12: binds[0].listeners[0].tls.key: no private key found in "), problems.get(1));
    }

    @Test
    void anHttpsListenerRequiresTls() {
        assertOnly("<inline>:4:5: binds[0].listeners[0]: HTTPS listener requires 'tls'", """
                binds:
                - port: 3000
                  listeners:
                  - protocol: HTTPS
                    routes: []
                """);
    }

    @Test
    void anHttpListenerRequiresRoutes() {
        assertOnly("<inline>:4:5: binds[0].listeners[0]: protocol HTTP requires 'routes'", """
                binds:
                - port: 3000
                  listeners:
                  - name: plain
                """);
    }

    @Test
    void anUnknownTlsKeyListsTheAllowedKeys() {
        assertOnly("<inline>:8:7: binds[0].listeners[0].tls.ciphers: unknown key \"ciphers\"; allowed keys: cert, "
                + "cipherSuites, key, maxTLSVersion, minTLSVersion",
                https("cert: good/cert.pem\nkey: good/key.pem\nciphers: [x]"));
    }

    @Test
    void anUnknownBackendOrPolicyListsWhatThePluginsProvide() {
        List<String> problems = problems("""
                binds:
                - port: 3000
                  listeners:
                  - routes:
                    - policies:
                        cors: {allowOrigins: ["*"]}
                        retries: {attempts: 2}
                      backends:
                      - ai: {name: openai}
                      - hots: 127.0.0.1:8080
                """);
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("<inline>:6:9: binds[0].listeners[0].routes[0].policies.cors: policy \"cors\" "
                + "is not supported by the loaded plugins; available policies: "), problems.get(0));
        assertTrue(problems.get(1).startsWith("<inline>:7:9: binds[0].listeners[0].routes[0].policies.retries: unknown policy "
                + "\"retries\"; available policies: "), problems.get(1));
        assertTrue(problems.get(2).startsWith("<inline>:9:9: binds[0].listeners[0].routes[0].backends[0].ai: backend type "
                + "\"ai\" is not supported by the loaded plugins; available backend types: "), problems.get(2));
        assertTrue(problems.get(2).contains("testEcho"), problems.get(2));
        assertTrue(problems.get(3).startsWith("<inline>:10:9: binds[0].listeners[0].routes[0].backends[1].hots: unknown "
                + "backend type \"hots\"; available backend types: "), problems.get(3));
    }

    @Test
    void pluginConfigErrorsArePlacedAtTheirLine() {
        assertOnly("<inline>:7:11: binds[0].listeners[0].routes[0].backends[0].testEcho.nmae: unknown key \"nmae\"; "
                + "allowed keys: delayMs, name", """
                binds:
                - port: 3000
                  listeners:
                  - routes:
                    - backends:
                      - testEcho:
                          nmae: typo
                """);
    }

    @Test
    void anUnsetEnvironmentVariableIsNamed() {
        assertOnly("<inline>:2:9: binds[0].port: environment variable JETWAY_TEST_UNSET_PORT is not set (write $$ for a literal $)", """
                binds:
                - port: ${JETWAY_TEST_UNSET_PORT}
                  listeners: []
                """);
        assertOnly("<inline>:3:55: binds[0].listeners[0].routes[0].backends[0].testEcho.name: \"${\" must be followed by a"
                + " variable name and \"}\", as in ${HOME} (write $$ for a literal $)", """
                binds:
                - port: 3000
                  listeners: [{routes: [{backends: [{testEcho: {name: "${JETWAY_TEST_UNSET"}}]}]}]
                """);
    }

    @Test
    void duplicateKeysAndBadYamlAreReportedWithTheirLine() {
        assertOnly("<inline>:3:1: binds: duplicate key \"binds\"", "binds: []\nconfig: {}\nbinds: []\n");
        List<String> problems = problems("binds:\n- port: 3000\n  listeners: [\n");
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("<inline>:4:1: not valid YAML: expected the node content, but found '<stream end>' (while parsing a flow node)", problems.get(0));
    }

    @Test
    void invalidMatchesAreRefused() {
        List<String> problems = problems("""
                binds:
                - port: 3000
                  listeners:
                  - routes:
                    - matches:
                      - path: {regex: "^/api/(v1"}
                      - path: {exact: /a, pathPrefix: /b}
                      - method: get
                        headers: [{name: x-env, value: {}}]
                      backends:
                      - testEcho: {name: a}
                """);
        assertEquals(List.of(
                "<inline>:6:23: binds[0].listeners[0].routes[0].matches[0].path.regex: invalid regular expression: "
                        + "Unclosed group near index 9",
                "<inline>:7:15: binds[0].listeners[0].routes[0].matches[1].path: a path match needs exactly one of: "
                        + "exact, pathPrefix, regex",
                "<inline>:8:17: binds[0].listeners[0].routes[0].matches[2].method: invalid method \"get\"; methods are "
                        + "upper case, such as GET or POST",
                "<inline>:9:40: binds[0].listeners[0].routes[0].matches[2].headers[0].value: value needs exactly one of: "
                        + "exact, regex"), problems);
    }

    @Test
    void agentgatewayFeaturesJetwayLacksAreRefusedByName() {
        List<String> problems = problems("""
                config:
                  xdsAddress: https://istiod:15010
                llm:
                  models: []
                binds: []
                """);
        assertEquals(List.of(
                "<inline>:2:3: config.xdsAddress: \"xdsAddress\" is an agentgateway setting that jetway does not support yet",
                "<inline>:3:1: llm: \"llm\" is an agentgateway setting that jetway does not support yet",
                "<inline>:5:1: binds: a config needs at least one bind, such as binds: [{port: 3000, listeners: "
                        + "[{routes: [...]}]}]; without one the gateway would serve nothing"), problems);
    }

    @Test
    void portsAndListenersAreChecked() {
        List<String> problems = problems("""
                binds:
                - port: 70000
                  listeners: []
                - port: 3000
                  listeners:
                  - routes: []
                - port: 3000
                  listeners:
                  - protocol: TCP
                    routes: []
                """);
        assertEquals(List.of(
                "<inline>:2:9: binds[0].port: port 70000 is out of range 0-65535 (0 picks a free port)",
                "<inline>:3:14: binds[0].listeners: a bind needs at least one listener",
                "<inline>:7:9: binds[2].port: port 3000 is already bound by binds[1]; put several listeners in one bind instead",
                "<inline>:9:15: binds[2].listeners[0].protocol: protocol TCP is not supported yet; supported protocols: HTTP, HTTPS"),
                problems);
    }

    @Test
    void aBadSessionKeyIsRefused() {
        assertOnly("<inline>:3:10: config.session.key: config.session.key must be 32 bytes (64 hex digits) for AES-256-GCM, "
                + "not 4; make one with: openssl rand -hex 32", """
                config:
                  session:
                    key: "0011aabb"
                binds:
                - port: 3000
                  listeners: [{routes: [{backends: [{testEcho: {name: a}}]}]}]
                """);
    }

    @Test
    void anAccessLogTheGatewayCannotWriteIsAConfigError() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("not-a-folder", ".txt");
        List<String> problems = problems("""
                config:
                  logging: {accessLog: %s/access.log}
                binds:
                - port: 3000
                  listeners: [{routes: [{backends: [{testEcho: {name: a}}]}]}]
                """.formatted(file));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("<inline>:2:24: config.logging.accessLog: cannot write the access log to "
                + file + "/access.log: " + file + " is not a folder"), problems.toString());
    }

    /** An empty or truncated file must never be applied: it would close every port. */
    @Test
    void aConfigWithoutBindsIsRefused() {
        assertOnly("<inline>: binds: a config needs at least one bind, such as binds: [{port: 3000, listeners: "
                + "[{routes: [...]}]}]; without one the gateway would serve nothing", "");
        assertOnly("<inline>:1:1: binds: a config needs at least one bind, such as binds: [{port: 3000, listeners: "
                + "[{routes: [...]}]}]; without one the gateway would serve nothing", "binds: []\n");
    }
}
