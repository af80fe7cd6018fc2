package dev.jetway.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import dev.jetway.core.testing.JdkTls;
import dev.jetway.core.testing.Openssl;
import dev.jetway.core.testing.TestCertificates;
import dev.jetway.core.testing.TestCertificates.KeyFormat;
import dev.jetway.core.testing.TestCertificates.KeyType;
import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config.tlsProvider: conscrypt}: BoringSSL serves where it can honour the listener, the JDK where it cannot. */
class ConscryptListenerIT {

    @TempDir
    static Path dir;
    static TestCertificates ca;

    @BeforeAll
    static void certificates() {
        ca = TestCertificates.newCa("conscrypt CA");
        ca.server(KeyType.EC, "localhost").write(dir.resolve("ec"), KeyFormat.SEC1);
    }

    private static String config(String tlsExtra) {
        return """
                config:
                  tlsProvider: conscrypt
                binds:
                - port: 0
                  listeners:
                  - protocol: HTTPS
                    tls:
                      cert: ec/cert.pem
                      key: ec/key.pem
                %s
                    routes: [{backends: [{testEcho: {name: c}}]}]
                """.formatted(tlsExtra.indent(6).stripTrailing());
    }

    private static String provider(TestGateway gateway) {
        return gateway.gateway().listeners(0).get(0).tls().getProvider();
    }

    @Test
    void conscryptServesADefaultListenerOverHttp2AndHttp11() throws Exception {
        try (TestGateway gateway = TestGateway.start(config(""), dir)) {
            assertEquals("Conscrypt", provider(gateway));
            Openssl.Handshake tls13 = Openssl.connect(gateway.port(), "-alpn", "h2");
            assertEquals("TLSv1.3", tls13.protocol(), tls13.output());
            assertTrue(tls13.output().contains("ALPN protocol: h2"), tls13.output());
            String response = JdkTls.get(ca.clientContext(null), gateway.port(), "localhost", "/");
            assertTrue(response.contains("backend=c"), response);
            // TLS 1.2 keeps to the default ECDHE AES-GCM suites, in the server's order
            Openssl.Handshake tls12 = Openssl.connect(gateway.port(), "-tls1_2",
                    "-cipher", "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256");
            assertEquals("ECDHE-ECDSA-AES128-GCM-SHA256", tls12.cipher(), tls12.output());
            assertFalse(Openssl.connect(gateway.port(), "-tls1_2", "-cipher", "ECDHE-ECDSA-CHACHA20-POLY1305").succeeded());
        }
    }

    @Test
    void aTls13OnlyListenerStaysOnConscrypt() throws Exception {
        try (TestGateway gateway = TestGateway.start(config("minTLSVersion: \"1.3\""), dir)) {
            assertEquals("Conscrypt", provider(gateway));
            Openssl.Handshake handshake = Openssl.connect(gateway.port());
            assertEquals("TLSv1.3", handshake.protocol(), handshake.output());
            assertFalse(Openssl.connect(gateway.port(), "-tls1_2").succeeded());
            assertTrue(JdkTls.get(ca.clientContext(null), gateway.port(), "localhost", "/").contains("backend=c"));
        }
    }

    @Test
    void aListenerThatRestrictsTls13SuitesFallsBackToTheJdk() throws Exception {
        try (TestGateway gateway = TestGateway.start(config("cipherSuites: [TLS13_AES_256_GCM_SHA384]"), dir)) {
            assertNull(provider(gateway), "the JDK's default provider");
            assertEquals("TLS_AES_256_GCM_SHA384", Openssl.connect(gateway.port()).cipher());
            assertFalse(Openssl.connect(gateway.port(), "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256").succeeded());
        }
    }

    @Test
    void aTls12OnlyListenerStaysOnConscryptWithItsList() throws Exception {
        try (TestGateway gateway = TestGateway.start(config("maxTLSVersion: \"1.2\"\ncipherSuites: [ECDHE-ECDSA-CHACHA20-POLY1305]"), dir)) {
            assertEquals("Conscrypt", provider(gateway));
            Openssl.Handshake handshake = Openssl.connect(gateway.port());
            assertEquals("TLSv1.2", handshake.protocol(), handshake.output());
            assertEquals("ECDHE-ECDSA-CHACHA20-POLY1305", handshake.cipher());
        }
    }
}
