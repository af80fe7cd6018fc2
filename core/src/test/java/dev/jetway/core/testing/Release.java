package dev.jetway.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The packaged release ({@code -Djetway.distribution=<tar.gz>}, which the modules built after the distribution set),
 * unpacked and started as a user does, for tests of what ships.
 */
public final class Release {

    private Release() {
    }

    /** Unpacks the release into {@code dir}; returns its home folder. */
    public static Path unpack(Path dir) throws IOException, InterruptedException {
        Path tarball = Path.of(System.getProperty("jetway.distribution", "(jetway.distribution is not set)"));
        if (!Files.exists(tarball)) {
            throw new IllegalStateException("build the distribution first (mvn verify from the root): " + tarball);
        }
        Process tar = new ProcessBuilder("tar", "xzf", tarball.toString()).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (tar.waitFor() != 0) {
            throw new IllegalStateException("tar xzf " + tarball + ": " + out);
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    /**
     * Runs {@code bin/jetway -f config} of the release in {@code home} on the loopback address and waits until it
     * listens on {@code port}. Without class-data sharing: its dump at an installation's first start takes seconds
     * and is not what these tests are about.
     */
    public static JetwayProcess start(Path home, Path config, Path log, int port) throws Exception {
        return JetwayProcess.start(List.of(home.resolve("bin/jetway").toString(), "-f", config.toString(),
                "--bind-address", "127.0.0.1"), Map.of("JAVA_OPTS", "-Xshare:off"), log, port);
    }
}
