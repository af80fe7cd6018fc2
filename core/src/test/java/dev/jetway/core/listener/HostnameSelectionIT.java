package dev.jetway.core.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

import dev.jetway.core.testing.Http;
import dev.jetway.core.testing.JdkTls;
import dev.jetway.core.testing.TestCertificates;
import dev.jetway.core.testing.TestCertificates.KeyFormat;
import dev.jetway.core.testing.TestCertificates.KeyType;
import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several listeners on one port, chosen by SNI (HTTPS) or Host (HTTP): exact, then longest wildcard, then default. */
class HostnameSelectionIT {

    @TempDir
    Path dir;

    @Test
    void httpsListenersAreChosenBySniWithTheirOwnCertificateAndSettings() throws Exception {
        TestCertificates ca = TestCertificates.newCa("sni test CA");
        ca.server(KeyType.EC, "api.example.com").write(dir.resolve("exact"), KeyFormat.PKCS8);
        ca.server(KeyType.EC, "*.example.com").write(dir.resolve("wild"), KeyFormat.PKCS8);
        ca.server(KeyType.EC, "*.deep.example.com").write(dir.resolve("deep"), KeyFormat.PKCS8);
        ca.server(KeyType.RSA, "default.test").write(dir.resolve("default"), KeyFormat.PKCS1);
        String yaml = """
                binds:
                - port: 0
                  listeners:
                  - name: wildcard
                    hostname: "*.example.com"
                    protocol: HTTPS
                    tls: {cert: wild/cert.pem, key: wild/key.pem}
                    routes: [{backends: [{testEcho: {name: w}}]}]
                  - name: deeper
                    hostname: "*.deep.example.com"
                    protocol: HTTPS
                    tls: {cert: deep/cert.pem, key: deep/key.pem, minTLSVersion: "1.3"}
                    routes: [{backends: [{testEcho: {name: d}}]}]
                  - name: exact
                    hostname: api.example.com
                    protocol: HTTPS
                    tls: {cert: exact/cert.pem, key: exact/key.pem, maxTLSVersion: "1.2"}
                    routes: [{backends: [{testEcho: {name: e}}]}]
                  - name: fallback
                    protocol: HTTPS
                    tls: {cert: default/cert.pem, key: default/key.pem}
                    routes: [{backends: [{testEcho: {name: f}}]}]
                """;
        SSLContext client = ca.clientContext(null);
        try (TestGateway gateway = TestGateway.start(yaml, dir)) {
            int port = gateway.port();
            assertListener(client, port, "api.example.com", "exact", "CN=api.example.com", "TLSv1.2");
            assertListener(client, port, "www.example.com", "wildcard", "CN=*.example.com", "TLSv1.3");
            assertListener(client, port, "a.b.example.com", "wildcard", "CN=*.example.com", "TLSv1.3");
            assertListener(client, port, "x.deep.example.com", "deeper", "CN=*.deep.example.com", "TLSv1.3");
            assertListener(client, port, "other.test", "fallback", "CN=default.test", "TLSv1.3");
            assertListener(client, port, null, "fallback", "CN=default.test", "TLSv1.3");
            // the exact listener allows only TLS 1.2 even though others allow 1.3
            assertThrows(IOException.class, () -> JdkTls.handshake(client, port, "api.example.com", List.of("TLSv1.3"), null));
        }
    }

    private static void assertListener(SSLContext client, int port, String sni, String listener, String subject, String protocol)
            throws IOException {
        SSLSession session = JdkTls.handshake(client, port, sni, List.of("TLSv1.2", "TLSv1.3"), null);
        assertEquals(subject, ((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal().getName());
        assertEquals(protocol, session.getProtocol());
        String response = JdkTls.get(client, port, sni, "/who");
        assertTrue(response.contains("listener=" + listener + " "), response);
    }

    @Test
    void withoutADefaultListenerAnUnknownServerNameIsRefused() throws Exception {
        TestCertificates ca = TestCertificates.newCa("sni refusal CA");
        ca.server(KeyType.EC, "only.example.com").write(dir.resolve("only"), KeyFormat.PKCS8);
        String yaml = """
                binds:
                - port: 0
                  listeners:
                  - hostname: only.example.com
                    protocol: HTTPS
                    tls: {cert: only/cert.pem, key: only/key.pem}
                    routes: [{backends: [{testEcho: {name: o}}]}]
                """;
        SSLContext client = ca.clientContext(null);
        try (TestGateway gateway = TestGateway.start(yaml, dir)) {
            assertTrue(JdkTls.get(client, gateway.port(), "only.example.com", "/").contains("backend=o"));
            assertThrows(IOException.class, () -> JdkTls.handshake(client, gateway.port(), "else.example.com", null, null));
        }
    }

    @Test
    void httpListenersAreChosenByHost() throws Exception {
        String yaml = """
                binds:
                - port: 0
                  listeners:
                  - name: exact
                    hostname: api.example.com
                    routes: [{backends: [{testEcho: {name: e}}]}]
                  - name: wildcard
                    hostname: "*.example.com"
                    routes: [{backends: [{testEcho: {name: w}}]}]
                """;
        try (TestGateway gateway = TestGateway.start(yaml, dir)) {
            String exact = get(gateway.port(), "api.example.com:8080");
            assertTrue(exact.contains("listener=exact "), exact);
            assertTrue(get(gateway.port(), "WWW.Example.com").contains("listener=wildcard "));
            String none = get(gateway.port(), "example.com");
            assertTrue(none.startsWith("HTTP/1.1 404"), none);
            assertTrue(none.contains("no listener on port " + gateway.port() + " for host \"example.com\""), none);
        }
    }

    private static String get(int port, String host) throws IOException {
        return Http.raw(port, "GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    }
}
