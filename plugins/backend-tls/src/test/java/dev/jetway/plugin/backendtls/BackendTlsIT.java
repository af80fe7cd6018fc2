package dev.jetway.plugin.backendtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.jetway.core.testing.Http;
import dev.jetway.core.testing.Nginx;
import dev.jetway.core.testing.TestCertificates;
import dev.jetway.core.testing.TestCertificates.Issued;
import dev.jetway.core.testing.TestCertificates.KeyFormat;
import dev.jetway.core.testing.TestCertificates.KeyType;
import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * backendTLS against real nginx TLS upstreams: one nginx per upstream certificate, one gateway with a route per case.
 */
class BackendTlsIT {

    @TempDir
    static Path dir;
    static TestCertificates ca;
    static TestCertificates stranger;
    static Nginx good;
    static Nginx otherName;
    static Nginx expired;
    static Nginx wantsClientCert;
    static Nginx selfSigned;
    static Nginx closesConnections;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        ca = TestCertificates.newCa("upstream CA");
        stranger = TestCertificates.newCa("stranger CA");
        good = nginx("good", ca.server(KeyType.EC, "localhost", "127.0.0.1"), "");
        otherName = nginx("other-name", ca.server(KeyType.RSA, "other.example.com"), "");
        expired = nginx("expired", ca.server(KeyType.EC, Instant.now().minus(Duration.ofDays(10)),
                Instant.now().minus(Duration.ofDays(1)), "localhost"), "");
        Path clientCa = ca.writeCa(dir.resolve("nginx-client-ca"));
        wantsClientCert = nginx("mtls", ca.server(KeyType.EC, "localhost"),
                "ssl_verify_client on; ssl_client_certificate " + clientCa + ";");
        selfSigned = nginx("self-signed", stranger.server(KeyType.EC, "localhost"), "");
        closesConnections = nginx("closes", ca.server(KeyType.EC, "localhost"), "keepalive_timeout 0;");

        // Refs laid out as Kubernetes mounts them: a ConfigMap with ca.crt, a kubernetes.io/tls Secret with tls.*.
        ca.writeCa(dir.resolve("refs/upstream-ca"));
        Files.move(dir.resolve("refs/upstream-ca/ca.pem"), dir.resolve("refs/upstream-ca/ca.crt"));
        Issued client = ca.client("gateway-client");
        Path secret = client.write(dir.resolve("refs/client-tls"), KeyFormat.PKCS8);
        Files.move(secret.resolve("cert.pem"), secret.resolve("tls.crt"));
        Files.move(secret.resolve("key.pem"), secret.resolve("tls.key"));
        Files.copy(dir.resolve("refs/upstream-ca/ca.crt"), secret.resolve("ca.crt"));
        Files.createDirectories(dir.resolve("files"));
        Files.copy(dir.resolve("refs/upstream-ca/ca.crt"), dir.resolve("files/ca.pem"));
        Files.createDirectories(dir.resolve("refs/swappable"));
        Files.copy(dir.resolve("refs/upstream-ca/ca.crt"), dir.resolve("refs/swappable/ca.crt"));

        gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - name: system-roots
                      matches: [{path: {pathPrefix: /default}}]
                      backends: [{host: "https://localhost:%1$d"}]
                    - name: ca-ref
                      matches: [{path: {pathPrefix: /ca}}]
                      policies: {backendTLS: {tls: {caCertificateRefs: [{name: upstream-ca}]}}}
                      backends: [{host: "https://localhost:%1$d"}]
                    - name: ip-literal
                      matches: [{path: {pathPrefix: /ip}}]
                      policies: {backendTLS: {tls: {caCertificateRefs: [{name: upstream-ca}]}}}
                      backends: [{host: "https://127.0.0.1:%1$d"}]
                    - name: wrong-name
                      matches: [{path: {pathPrefix: /wrong-name}}]
                      policies: {backendTLS: {tls: {caCertificateRefs: [{name: upstream-ca}]}}}
                      backends: [{host: "https://localhost:%2$d"}]
                    - name: skip-hostname
                      matches: [{path: {pathPrefix: /skip-hostname}}]
                      policies: {backendTLS: {tls: {caCertificateRefs: [{name: upstream-ca}], insecureSkipVerify: Hostname}}}
                      backends: [{host: "https://localhost:%2$d"}]
                    - name: sni
                      matches: [{path: {pathPrefix: /sni}}]
                      policies: {backendTLS: {tls: {caCertificateRefs: [{name: upstream-ca}], sni: other.example.com}}}
                      backends: [{host: "https://localhost:%2$d"}]
                    - name: file-form
                      matches: [{path: {pathPrefix: /file-form}}]
                      backends:
                      - host: "https://127.0.0.1:%2$d"
                        policies: {backendTLS: {root: files/ca.pem, hostname: other.example.com}}
                    - name: expired
                      matches: [{path: {pathPrefix: /expired}}]
                      policies: {backendTLS: {tls: {caCertificateRefs: [{name: upstream-ca}]}}}
                      backends: [{host: "https://localhost:%3$d"}]
                    - name: no-client-cert
                      matches: [{path: {pathPrefix: /no-client-cert}}]
                      policies: {backendTLS: {tls: {caCertificateRefs: [{name: upstream-ca}]}}}
                      backends: [{host: "https://localhost:%4$d"}]
                    - name: client-cert
                      matches: [{path: {pathPrefix: /client-cert}}]
                      policies: {backendTLS: {tls: {mtlsCertificateRef: [{name: client-tls}]}}}
                      backends: [{host: "https://localhost:%4$d"}]
                    - name: self-signed-refused
                      matches: [{path: {pathPrefix: /self-signed-refused}}]
                      policies: {backendTLS: {tls: {caCertificateRefs: [{name: upstream-ca}]}}}
                      backends: [{host: "https://localhost:%5$d"}]
                    - name: insecure
                      matches: [{path: {pathPrefix: /insecure}}]
                      policies: {backendTLS: {tls: {insecureSkipVerify: All}}}
                      backends: [{host: "https://localhost:%5$d"}]
                    - name: swappable
                      matches: [{path: {pathPrefix: /swappable}}]
                      policies: {backendTLS: {tls: {caCertificateRefs: [{name: swappable}]}}}
                      backends: [{host: "https://localhost:%6$d"}]
                """.formatted(good.port(), otherName.port(), expired.port(), wantsClientCert.port(), selfSigned.port(),
                closesConnections.port()), dir);
    }

    private static Nginx nginx(String name, Issued certificate, String extra) throws Exception {
        Path tls = certificate.write(dir.resolve("nginx-" + name), KeyFormat.PKCS8);
        return Nginx.start(dir.resolve("nginx-" + name), """
                server {
                    listen 127.0.0.1:%%PORT%% ssl;
                    ssl_certificate %1$s/cert.pem;
                    ssl_certificate_key %1$s/key.pem;
                    %2$s
                    location / {
                        return 200 "nginx sni=$ssl_server_name client=$ssl_client_s_dn\\n";
                    }
                }
                """.formatted(tls, extra));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[]{gateway, good, otherName, expired, wantsClientCert, selfSigned, closesConnections}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return Http.get("http://127.0.0.1:" + gateway.port() + path, Map.of());
    }

    private static void assertOk(String path, String expectedBody) throws Exception {
        HttpResponse<String> response = get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        assertEquals(expectedBody, response.body(), path);
    }

    private static void assertBadGateway(String path, String reason) throws Exception {
        HttpResponse<String> response = get(path);
        assertEquals(502, response.statusCode(), path + ": " + response.body());
        assertTrue(response.body().contains(reason), path + ": " + response.body());
    }

    @Test
    void theSystemRootsRefuseTheTestCa() throws Exception {
        assertBadGateway("/default", "failed: TLS: the upstream's certificate is not signed by a trusted CA (unknown CA)");
    }

    @Test
    void aCaRefIsTrustedAndSniComesFromTheDestination() throws Exception {
        assertOk("/ca", "nginx sni=localhost client=\n");
        assertOk("/ip", "nginx sni= client=\n"); // no SNI for an IP literal; the certificate's IP SAN is checked
    }

    @Test
    void aCertificateForAnotherNameIsRefusedUnlessToldOtherwise() throws Exception {
        assertBadGateway("/wrong-name", "failed: TLS: the upstream's certificate does not match the expected name");
        assertOk("/skip-hostname", "nginx sni=localhost client=\n");
        assertOk("/sni", "nginx sni=other.example.com client=\n");
        assertOk("/file-form", "nginx sni=other.example.com client=\n");
    }

    @Test
    void anExpiredCertificateIsRefused() throws Exception {
        assertBadGateway("/expired", "failed: TLS: the upstream's certificate has expired");
    }

    @Test
    void anUpstreamThatWantsAClientCertificateGetsOneFromTheSecret() throws Exception {
        // nginx completes the handshake and refuses at the HTTP level; its answer reaches the client as it is
        HttpResponse<String> refused = get("/no-client-cert");
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("No required SSL certificate was sent"), refused.body());
        assertOk("/client-cert", "nginx sni=localhost client=CN=gateway-client,O=jetway tests\n");
    }

    @Test
    void insecureSkipVerifyAllAcceptsASelfSignedUpstream() throws Exception {
        assertBadGateway("/self-signed-refused", "unknown CA");
        assertOk("/insecure", "nginx sni=localhost client=\n");
    }

    @Test
    void aChangedRefIsUsedForNewConnections() throws Exception {
        Path ref = dir.resolve("refs/swappable/ca.crt");
        assertOk("/swappable", "nginx sni=localhost client=\n");
        Path replacement = stranger.writeCa(dir.resolve("swap"));
        Files.move(replacement, ref, StandardCopyOption.REPLACE_EXISTING);
        awaitStatus("/swappable", 502);
        Files.copy(dir.resolve("refs/upstream-ca/ca.crt"), ref, StandardCopyOption.REPLACE_EXISTING);
        awaitStatus("/swappable", 200);
    }

    private static void awaitStatus(String path, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = get(path).statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(path + " still answers " + last + ", expected " + status);
    }

    @Test
    void refsAndFilesAreCheckedAtLoad() throws Exception {
        Files.createDirectories(dir.resolve("refs/empty"));
        Files.createDirectories(dir.resolve("refs/half-secret"));
        Files.writeString(dir.resolve("refs/half-secret/tls.crt"), Files.readString(dir.resolve("refs/client-tls/tls.crt")));
        Files.createDirectories(dir.resolve("refs/mismatched"));
        Files.copy(dir.resolve("refs/client-tls/tls.crt"), dir.resolve("refs/mismatched/tls.crt"));
        Files.writeString(dir.resolve("refs/mismatched/tls.key"),
                TestCertificates.keyPem(TestCertificates.keyPair(KeyType.EC).getPrivate(), KeyFormat.PKCS8));
        List<String> problems = TestGateway.problems("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - policies:
                        backendTLS:
                          tls:
                            caCertificateRefs: [{name: missing}, {name: empty}]
                            mtlsCertificateRef: [{name: half-secret}]
                      backends: [{host: "https://localhost:1"}]
                    - policies:
                        backendTLS: {tls: {mtlsCertificateRef: [{name: mismatched}]}, root: files/ca.pem}
                      backends: [{host: "https://localhost:1"}]
                    - policies:
                        backendTLS: {tls: {mtlsCertificateRef: [{name: mismatched}]}}
                      backends: [{host: "https://localhost:1"}]
                    - policies:
                        backendTLS: {root: files/nope.pem, alpn: [h3], tls2: {}}
                      backends: [{host: "https://localhost:1"}]
                """, dir);
        String refs = dir.resolve("refs").toString();
        assertEquals(6, problems.size(), String.join("\n", problems));
        assertEquals("<inline>:8:40: binds[0].listeners[0].routes[0].policies.backendTLS.tls.caCertificateRefs[0].name: "
                + "certificate ref \"missing\" not found: expected the folder " + refs + "/missing "
                + "(set config.certificateRefsDir to where the refs are mounted)", problems.get(0));
        assertEquals("<inline>:8:57: binds[0].listeners[0].routes[0].policies.backendTLS.tls.caCertificateRefs[1].name: "
                + "certificate ref \"empty\" has no ca.crt (looked for " + refs + "/empty/ca.crt)", problems.get(1));
        assertEquals("<inline>:9:41: binds[0].listeners[0].routes[0].policies.backendTLS.tls.mtlsCertificateRef[0].name: "
                + "certificate ref \"half-secret\" has no tls.key (looked for " + refs + "/half-secret/tls.key)", problems.get(2));
        assertEquals("<inline>:12:21: binds[0].listeners[0].routes[1].policies.backendTLS: use either tls: {...} "
                + "(certificate refs) or root/cert/key/hostname (files), not both", problems.get(3));
        assertTrue(problems.get(4).startsWith("<inline>:15:56: binds[0].listeners[0].routes[2].policies.backendTLS.tls."
                + "mtlsCertificateRef[0].name: the private key in " + refs + "/mismatched/tls.key does not match the "
                + "certificate in " + refs + "/mismatched/tls.crt"), problems.get(4));
        assertEquals("<inline>:18:56: binds[0].listeners[0].routes[3].policies.backendTLS.tls2: unknown key \"tls2\"; "
                + "allowed keys: alpn, cert, hostname, insecure, insecureHost, key, root, subjectAltNames, tls", problems.get(5));
    }
}
