package dev.jetway.plugin.mtls;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import dev.jetway.core.testing.JdkTls;
import dev.jetway.core.testing.JetwayProcess;
import dev.jetway.core.testing.TestCertificates;
import dev.jetway.core.testing.TestCertificates.KeyFormat;
import dev.jetway.core.testing.TestCertificates.KeyType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A gateway run as its own process logs, at INFO, each handshake its mTLS listener refuses: the listener, the
 * client's address and why (no certificate, another CA, expired), which the client itself only sees as an alert.
 */
class RefusedHandshakeLogIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "tlsProvider {0}")
    @ValueSource(strings = {"jdk", "conscrypt"})
    void refusedHandshakesAreLoggedWithListenerClientAndReason(String provider) throws Exception {
        TestCertificates ca = TestCertificates.newCa("mtls CA");
        TestCertificates stranger = TestCertificates.newCa("some other CA");
        ca.server(KeyType.EC, "localhost", "127.0.0.1").write(dir.resolve("server"), KeyFormat.PKCS8);
        ca.writeCa(dir.resolve("clients"));
        int port = JetwayProcess.freePort();
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                config: {tlsProvider: %s}
                binds:
                - port: %d
                  listeners:
                  - name: agents
                    protocol: HTTPS
                    tls: {cert: server/cert.pem, key: server/key.pem, root: clients/ca.pem}
                    routes:
                    - backends:
                      - testEcho: {name: secured}
                """.formatted(provider, port));
        try (JetwayProcess jetway = JetwayProcess.main(config, dir.resolve("jetway.log"), port)) {
            refused(ca.clientContext(null), port);
            // curl sends its certificate whatever CAs the server asks for (the JDK's client would send none).
            stranger.client("agent-7").write(dir.resolve("stranger"), KeyFormat.PKCS8);
            Process curl = new ProcessBuilder("curl", "-sS", "--cacert", dir.resolve("clients/ca.pem").toString(),
                    "--cert", dir.resolve("stranger/cert.pem").toString(), "--key", dir.resolve("stranger/key.pem").toString(),
                    "https://localhost:" + port + "/").redirectErrorStream(true).start();
            String out = new String(curl.getInputStream().readAllBytes());
            assertTrue(curl.waitFor() != 0, out);
            Instant lastYear = Instant.now().minus(Duration.ofDays(365));
            refused(ca.clientContext(ca.client("agent-8", lastYear, lastYear.plus(Duration.ofDays(30)))), port);
            String accepted = JdkTls.get(ca.clientContext(ca.client("agent-9")), port, "localhost", "/");
            assertTrue(accepted.startsWith("HTTP/1.1 200"), accepted);

            String prefix = "TLS handshake refused on listener \"agents\" from 127.0.0.1:";
            List<String> lines = awaitLines(jetway, prefix, 3);
            assertTrue(lines.stream().allMatch(line -> line.contains(":INFO :") && line.matches(".*127\\.0\\.0\\.1:\\d+: the client .*")),
                    lines.toString());
            assertTrue(lines.stream().anyMatch(line -> line.contains(": the client sent no certificate (")), lines.toString());
            // The JDK's checks say which failed; Conscrypt (BoringSSL) gives one verdict for a chain it cannot validate.
            String unknownCa = provider.equals("jdk") ? ": the client certificate is not issued by a CA of the listener's tls.root (unknown CA)"
                    : ": the client certificate does not chain to a CA of the listener's tls.root, or is not valid now";
            assertTrue(lines.stream().anyMatch(line -> line.contains(unknownCa)), lines.toString());
            if (provider.equals("jdk")) {
                assertTrue(lines.stream().anyMatch(line -> line.contains(": the client certificate has expired (NotAfter: ")), lines.toString());
            } else {
                assertTrue(lines.stream().filter(line -> line.contains(unknownCa)).count() == 2, lines.toString());
            }
        }
    }

    private static void refused(SSLContext client, int port) {
        assertThrows(IOException.class, () -> JdkTls.get(client, port, "localhost", "/"));
    }

    private static List<String> awaitLines(JetwayProcess jetway, String prefix, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> lines;
        do {
            Thread.sleep(50);
            lines = jetway.log().lines().filter(line -> line.contains(prefix)).toList();
        } while (lines.size() < count && System.nanoTime() < deadline);
        assertTrue(lines.size() == count, lines.size() + " refusals logged, not " + count + ":\n" + jetway.log());
        return lines;
    }
}
