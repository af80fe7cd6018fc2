package dev.jetway.plugin.mcp.testing;

import java.nio.file.Path;
import java.util.Map;

import javax.net.ssl.SSLContext;

import dev.jetway.core.testing.TestCertificates;
import dev.jetway.core.testing.TestCertificates.KeyFormat;
import dev.jetway.core.testing.TestCertificates.KeyType;
import dev.jetway.core.testing.TestGateway;

/** A real gateway with an HTTPS listener (certificate from a test CA) whose one route has an {@code mcp} backend. */
public final class TlsGateway implements AutoCloseable {

    private static final TestCertificates CA = TestCertificates.newCa("jetway mcp tests");

    private final TestGateway gateway;
    private final Path caFile;

    private TlsGateway(TestGateway gateway, Path caFile) {
        this.gateway = gateway;
        this.caFile = caFile;
    }

    /** @param mcp the YAML under {@code mcp:}, without indentation */
    public static TlsGateway start(Path dir, String mcp) throws Exception {
        return start(dir, mcp, Map.of());
    }

    public static TlsGateway start(Path dir, String mcp, Map<String, String> env) throws Exception {
        return startRoutes(dir, route(mcp), env);
    }

    /** @param routes the YAML of the listener's {@code routes} list, without indentation */
    public static TlsGateway startRoutes(Path dir, String routes, Map<String, String> env) throws Exception {
        return startYaml(dir, yaml(routes), env);
    }

    /** A gateway from a whole config that uses {@code tls/cert.pem} and {@code tls/key.pem} (see {@link #yaml}). */
    public static TlsGateway startYaml(Path dir, String yaml, Map<String, String> env) throws Exception {
        CA.server(KeyType.EC, "localhost", "127.0.0.1").write(dir.resolve("tls"), KeyFormat.PKCS8);
        Path caFile = CA.writeCa(dir.resolve("tls"));
        return new TlsGateway(TestGateway.start(yaml, dir, env), caFile);
    }

    /** A route item with an {@code mcp} backend; {@code mcp} is the YAML under {@code mcp:} */
    public static String route(String mcp) {
        return "- backends:\n  - mcp:\n" + mcp.indent(6);
    }

    /** A route item for paths under {@code prefix}, with an {@code mcp} backend. */
    public static String route(String prefix, String mcp) {
        return "- matches: [{path: {pathPrefix: " + prefix + "}}]\n  backends:\n  - mcp:\n" + mcp.indent(6);
    }

    public static String yaml(String routes) {
        return """
                binds:
                - port: 0
                  listeners:
                  - name: mcp
                    protocol: HTTPS
                    tls: {cert: tls/cert.pem, key: tls/key.pem}
                    routes:
                %s
                """.formatted(routes.indent(4).stripTrailing());
    }

    public static SSLContext clientContext() {
        return CA.clientContext(null);
    }

    public int port() {
        return gateway.port();
    }

    public String url() {
        return "https://localhost:" + port();
    }

    public Path caFile() {
        return caFile;
    }

    public TestGateway gateway() {
        return gateway;
    }

    /** Stops the gateway; a failure to stop fails the test. */
    @Override
    public void close() {
        try {
            gateway.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the gateway", e);
        } catch (Exception e) {
            throw new IllegalStateException("the gateway did not stop cleanly: " + e, e);
        }
    }
}
