package dev.jetway.plugin.mtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.jetway.core.testing.JdkTls;
import dev.jetway.core.testing.TestCertificates;
import dev.jetway.core.testing.TestCertificates.Issued;
import dev.jetway.core.testing.TestCertificates.KeyFormat;
import dev.jetway.core.testing.TestCertificates.KeyType;
import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listener mTLS as in the doc: {@code tls.root} requires a client certificate that chains to it. */
class MtlsIT {

    @TempDir
    static Path dir;
    static TestCertificates ca;
    static TestCertificates stranger;
    static Issued agent;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        ca = TestCertificates.newCa("mtls CA");
        stranger = TestCertificates.newCa("some other CA");
        ca.server(KeyType.RSA, "localhost", "127.0.0.1").write(dir.resolve("server"), KeyFormat.PKCS1);
        ca.writeCa(dir.resolve("clients"));
        agent = ca.client("agent-7", "spiffe://example.org/agent/7");
        agent.write(dir.resolve("agent"), KeyFormat.PKCS8);
        stranger.client("agent-7").write(dir.resolve("stranger"), KeyFormat.PKCS8);
        gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - name: mtls-listener
                    protocol: HTTPS
                    tls:
                      cert: server/cert.pem
                      key: server/key.pem
                      root: clients/ca.pem
                    routes:
                    - backends:
                      - testEcho: {name: secured}
                """, dir);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void aClientWithoutACertificateIsRefused() {
        assertThrows(IOException.class, () -> JdkTls.get(ca.clientContext(null), gateway.port(), "localhost", "/"));
        String out = curl();
        assertFalse(out.contains("backend="), out);
        assertTrue(out.contains("alert"), out);
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() {
        Issued impostor = stranger.client("agent-7");
        assertThrows(IOException.class, () -> JdkTls.get(ca.clientContext(impostor), gateway.port(), "localhost", "/"));
        String out = curl("--cert", dir.resolve("stranger/cert.pem").toString(), "--key", dir.resolve("stranger/key.pem").toString());
        assertFalse(out.contains("backend="), out);
    }

    @Test
    void aCertificateFromTheRootIsAcceptedAndOfferedToPolicies() throws Exception {
        String response = JdkTls.get(ca.clientContext(agent), gateway.port(), "localhost", "/whoami");
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        assertTrue(response.contains("client=CN=agent-7,O=jetway tests sans=[URI:spiffe://example.org/agent/7]"), response);
        String out = curl("--cert", dir.resolve("agent/cert.pem").toString(), "--key", dir.resolve("agent/key.pem").toString());
        assertTrue(out.contains("backend=secured listener=mtls-listener"), out);
        assertTrue(out.contains("client=CN=agent-7"), out);
    }

    @Test
    void theRootMustExistAndBeListedAsATlsKey() throws Exception {
        String yaml = """
                binds:
                - port: 0
                  listeners:
                  - protocol: HTTPS
                    tls:
                      cert: server/cert.pem
                      key: server/key.pem
                      root: clients/missing.pem
                      roots: x
                    routes: []
                """;
        List<String> problems = TestGateway.problems(yaml, dir);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("<inline>:8:13: binds[0].listeners[0].tls.root: file not found: clients/missing.pem"),
                problems.get(0));
        assertEquals("<inline>:9:7: binds[0].listeners[0].tls.roots: unknown key \"roots\"; allowed keys: cert, cipherSuites, "
                + "key, maxTLSVersion, minTLSVersion, root", problems.get(1));
        Files.writeString(dir.resolve("not-a-ca.pem"), "hello\n");
        List<String> notPem = TestGateway.problems(yaml.replace("clients/missing.pem", "not-a-ca.pem").replace("      roots: x\n", ""), dir);
        assertEquals(1, notPem.size(), notPem.toString());
        assertTrue(notPem.get(0).contains("tls.root: no certificate found in"), notPem.get(0));
    }

    private static String curl(String... extra) {
        try {
            List<String> command = new java.util.ArrayList<>(List.of("curl", "-s", "-S", "--cacert",
                    dir.resolve("clients/ca.pem").toString(), "https://localhost:" + gateway.port() + "/"));
            command.addAll(List.of(extra));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            process.waitFor();
            return out;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
