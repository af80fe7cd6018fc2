package dev.jetway.core.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real gateway in front of an {@link EchoUpstream}, started once for a test class and stopped after it; the YAML
 * is made from the upstream, and relative file names resolve against a temporary folder.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final GatewayWithEcho gateway = new GatewayWithEcho(echo -> """
 *         binds:
 *         - port: 0
 *           listeners:
 *           - routes:
 *             - backends: [{host: "%s"}]
 *         """.formatted(echo.address()));
 * }</pre>
 */
public final class GatewayWithEcho implements BeforeAllCallback, AfterAllCallback {

    private final Function<EchoUpstream, String> yaml;
    private Path dir;
    private EchoUpstream upstream;
    private TestGateway gateway;

    public GatewayWithEcho(Function<EchoUpstream, String> yaml) {
        this.yaml = requireNonNull(yaml, "yaml");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("jetway-test");
        upstream = EchoUpstream.start();
        gateway = TestGateway.start(yaml.apply(upstream), dir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try (EchoUpstream u = upstream; TestGateway g = gateway; Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(GatewayWithEcho::delete);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete " + file, e);
        }
    }

    /** The port of the gateway's first bind. */
    public int port() {
        return gateway.port();
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public EchoUpstream upstream() {
        return upstream;
    }
}
