package dev.jetway.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

import dev.jetway.core.testing.JdkTls;
import dev.jetway.core.testing.Openssl;
import dev.jetway.core.testing.TestCertificates;
import dev.jetway.core.testing.TestCertificates.KeyFormat;
import dev.jetway.core.testing.TestCertificates.KeyType;
import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real TLS handshakes, from the JDK client and from openssl, against HTTPS listeners configured like the doc. */
class ListenerTlsIT {

    @TempDir
    static Path dir;
    static TestCertificates ca;
    static SSLContext client;

    @BeforeAll
    static void certificates() {
        ca = TestCertificates.newCa("listener tls test CA");
        ca.server(KeyType.RSA, "localhost", "127.0.0.1").write(dir.resolve("rsa"), KeyFormat.PKCS8);
        ca.server(KeyType.EC, "localhost", "127.0.0.1").write(dir.resolve("ec"), KeyFormat.PKCS8);
        client = ca.clientContext(null);
    }

    private static String listener(String certDir, String tlsExtra) {
        return """
                binds:
                - port: 0
                  listeners:
                  - name: secure
                    protocol: HTTPS
                    tls:
                      cert: %1$s/cert.pem
                      key: %1$s/key.pem
                %2$s
                    routes:
                    - backends:
                      - testEcho: {name: tls}
                """.formatted(certDir, tlsExtra.indent(6).stripTrailing());
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void everyAcceptedSuiteNegotiatesWithTheJdkClientAndOpenssl(CipherSuite suite) throws Exception {
        String certDir = suite.keyType() == CipherSuite.KeyType.RSA ? "rsa" : "ec";
        String yaml = listener(certDir, "cipherSuites: [" + suite.alias() + "]");
        try (TestGateway gateway = TestGateway.start(yaml, dir)) {
            String protocol = suite.isTls13() ? "TLSv1.3" : "TLSv1.2";
            SSLSession session = JdkTls.handshake(client, gateway.port(), "localhost", List.of(protocol), List.of(suite.ianaName()));
            assertEquals(suite.ianaName(), session.getCipherSuite());
            assertEquals(protocol, session.getProtocol());

            Openssl.Handshake openssl = suite.isTls13()
                    ? Openssl.connect(gateway.port(), "-tls1_3", "-ciphersuites", suite.ianaName())
                    : Openssl.connect(gateway.port(), "-tls1_2", "-cipher", suite.alias());
            assertTrue(openssl.succeeded(), openssl.output());
            assertEquals(protocol, openssl.protocol());
        }
    }

    @Test
    void aSuiteOutsideTheListIsRefused() throws Exception {
        String yaml = listener("rsa", "cipherSuites: [TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_AES_256_GCM_SHA384]");
        try (TestGateway gateway = TestGateway.start(yaml, dir)) {
            assertThrows(IOException.class, () -> JdkTls.handshake(client, gateway.port(), "localhost",
                    List.of("TLSv1.2"), List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")));
            assertThrows(IOException.class, () -> JdkTls.handshake(client, gateway.port(), "localhost",
                    List.of("TLSv1.3"), List.of("TLS_AES_128_GCM_SHA256")));
            assertFalse(Openssl.connect(gateway.port(), "-tls1_2", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305").succeeded());
            assertFalse(Openssl.connect(gateway.port(), "-tls1_3", "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256").succeeded());
            // and what is listed still works
            assertTrue(Openssl.connect(gateway.port(), "-tls1_2", "-cipher", "ECDHE-RSA-AES256-GCM-SHA384").succeeded());
        }
    }

    @Test
    void theServersOrderWinsOverTheClients() throws Exception {
        String yaml = listener("rsa", """
                cipherSuites:
                - TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256
                - TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
                - TLS13_AES_128_GCM_SHA256
                - TLS13_CHACHA20_POLY1305_SHA256
                """);
        try (TestGateway gateway = TestGateway.start(yaml, dir)) {
            // The clients list the server's last choice first.
            Openssl.Handshake tls12 = Openssl.connect(gateway.port(), "-tls1_2",
                    "-cipher", "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305");
            assertEquals("ECDHE-RSA-CHACHA20-POLY1305", tls12.cipher(), tls12.output());
            Openssl.Handshake tls13 = Openssl.connect(gateway.port(), "-tls1_3",
                    "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256");
            assertEquals("TLS_AES_128_GCM_SHA256", tls13.cipher(), tls13.output());
            SSLSession jdk = JdkTls.handshake(client, gateway.port(), "localhost", List.of("TLSv1.2"),
                    List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"));
            assertEquals("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", jdk.getCipherSuite());
        }
    }

    @Test
    void tls11IsRefusedEvenWhenTheClientInsists() throws Exception {
        try (TestGateway gateway = TestGateway.start(listener("rsa", ""), dir)) {
            Openssl.Handshake old = Openssl.connect(gateway.port(), "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
            assertFalse(old.succeeded(), old.output());
            // The client did offer TLS 1.1: the refusal is the server's protocol_version alert.
            assertTrue(old.output().contains("protocol version") || old.output().contains("alert number 70")
                    || old.output().contains("unsupported protocol"), old.output());
            List<String> enabled = Arrays.asList(gateway.gateway().listeners(0).get(0).tls().getSelectedProtocols());
            assertEquals(List.of("TLSv1.2", "TLSv1.3"), enabled.stream().sorted().toList());
        }
    }

    @Test
    void aTls12OnlyListenerRefusesTls13() throws Exception {
        try (TestGateway gateway = TestGateway.start(listener("ec", "minTLSVersion: \"1.2\"\nmaxTLSVersion: \"1.2\""), dir)) {
            assertFalse(Openssl.connect(gateway.port(), "-tls1_3").succeeded());
            Openssl.Handshake ok = Openssl.connect(gateway.port());
            assertEquals("TLSv1.2", ok.protocol(), ok.output());
        }
    }

    @Test
    void aTls13OnlyListenerRefusesTls12() throws Exception {
        try (TestGateway gateway = TestGateway.start(listener("ec", "minTLSVersion: TLS_V1_3"), dir)) {
            assertFalse(Openssl.connect(gateway.port(), "-tls1_2").succeeded());
            assertThrows(IOException.class, () -> JdkTls.handshake(client, gateway.port(), "localhost", List.of("TLSv1.2"), null));
            Openssl.Handshake ok = Openssl.connect(gateway.port());
            assertEquals("TLSv1.3", ok.protocol(), ok.output());
        }
    }

    @ParameterizedTest
    @EnumSource(KeyFormat.class)
    void keysLoadInEveryPemEncoding(KeyFormat format) throws Exception {
        KeyType type = format == KeyFormat.SEC1 ? KeyType.EC : KeyType.RSA;
        String name = "keys-" + format;
        ca.server(type, "localhost").write(dir.resolve(name), format);
        String keyPem = java.nio.file.Files.readString(dir.resolve(name).resolve("key.pem"));
        String expectedHeader = switch (format) {
            case PKCS8 -> "BEGIN PRIVATE KEY";
            case PKCS1 -> "BEGIN RSA PRIVATE KEY";
            case SEC1 -> "BEGIN EC PRIVATE KEY";
        };
        assertTrue(keyPem.contains(expectedHeader), keyPem);
        try (TestGateway gateway = TestGateway.start(listener(name, ""), dir)) {
            String response = JdkTls.get(client, gateway.port(), "localhost", "/hello");
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            assertTrue(response.contains("backend=tls listener=secure"), response);
        }
    }
}
