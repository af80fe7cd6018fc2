package dev.jetway.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.jetway.core.config.ConfigReader;
import dev.jetway.core.config.EnvExpander;
import dev.jetway.core.plugin.PluginRegistry;
import dev.jetway.core.testing.Http;
import dev.jetway.core.testing.LoadGenerator;
import dev.jetway.core.testing.Openssl;
import dev.jetway.core.testing.TestCertificates;
import dev.jetway.core.testing.TestCertificates.KeyFormat;
import dev.jetway.core.testing.TestCertificates.KeyType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Editing the config file (or a file it names) while the gateway serves: applied within a second, nothing dropped. */
class ReloadIT {

    private static final Map<String, String> OPS_OFF = Map.of("ADMIN_ADDR", "off", "STATS_ADDR", "off", "READINESS_ADDR", "off");

    private static final PluginRegistry PLUGINS = PluginRegistry.load(List.of());

    @TempDir
    Path dir;
    Gateway gateway;
    ConfigReloader reloader;

    @AfterEach
    void stop() throws Exception {
        if (reloader != null) {
            reloader.close();
        }
        if (gateway != null) {
            gateway.stop();
        }
    }

    private Path start(String yaml) throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), yaml);
        ConfigReader reader = new ConfigReader(EnvExpander.of(Map.of()));
        gateway = Gateway.create(PLUGINS, new GatewayOptions("127.0.0.1", dir, OPS_OFF));
        gateway.start(gateway.plan(reader.readFile(config)));
        reloader = new ConfigReloader(gateway, config, reader);
        return config;
    }

    /** Saves as editors do: write a new file beside it, then rename it over the old one. */
    private void save(Path config, String yaml) throws IOException {
        Path temp = Files.writeString(config.resolveSibling(".config.yaml.swp"), yaml);
        Files.move(temp, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private static String http(int port, int version, String extraRoute) {
        return """
                binds:
                - port: %d
                  listeners:
                  - routes:
                    - name: main
                      backends: [{testEcho: {name: v%d}}]
                %s""".formatted(port, version, extraRoute);
    }

    private static void await(String what, Duration within, CheckedSupplier<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + within);
            }
            Thread.sleep(25);
        }
    }

    @FunctionalInterface
    private interface CheckedSupplier<T> {
        T get() throws Exception;
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> response = Http.get("http://127.0.0.1:" + port + path, Map.of());
        return response.statusCode() + " " + response.body();
    }

    @Test
    void tenReloadsUnder200RequestsPerSecondDropNothing() throws Exception {
        int port = freePort();
        Path config = start(http(port, 0, ""));
        try (LoadGenerator load = new LoadGenerator("http://127.0.0.1:" + port + "/load", 200)) {
            Thread.sleep(500);
            for (int version = 1; version <= 10; version++) {
                String extra = version % 2 == 0 ? "" : """
                            - name: extra
                              matches: [{path: {pathPrefix: /extra}}]
                              backends: [{testEcho: {name: extra%d}}]
                        """.formatted(version);
                long saved = System.nanoTime();
                save(config, http(port, version, extra));
                int expected = version;
                await("version " + version, Duration.ofSeconds(1), () -> get(port, "/x").startsWith("200 backend=v" + expected + " "));
                long applied = (System.nanoTime() - saved) / 1_000_000;
                assertTrue(applied < 1000, "applied after " + applied + " ms");
                if (version % 2 == 1) {
                    assertTrue(get(port, "/extra").startsWith("200 backend=extra" + version + " "));
                } else {
                    assertTrue(get(port, "/extra").startsWith("200 backend=v" + version + " "), "the extra route is gone");
                }
                Thread.sleep(300);
            }
            load.close();
            assertEquals(List.of(), load.failures());
            assertTrue(load.succeeded() > 600, "requests sent during the reloads: " + load.succeeded());
        }
        await("the count of applied configs", Duration.ofSeconds(1), () -> reloader.reloads() == 10);
    }

    @Test
    void anInvalidEditIsRefusedAndTheRunningConfigKeepsServing() throws Exception {
        int port = freePort();
        Path config = start(http(port, 1, ""));
        save(config, http(port, 2, "").replace("routes:", "routez:"));
        await("the refusal", Duration.ofSeconds(2), () -> reloader.failures() == 1);
        assertTrue(get(port, "/").startsWith("200 backend=v1 "));
        assertTrue(gateway.metrics().scrape().contains("jetway_config_reload_failures_total 1.0"));
        save(config, http(port, 3, ""));
        await("the fixed config", Duration.ofSeconds(2), () -> get(port, "/").startsWith("200 backend=v3 "));
        await("the count of applied configs", Duration.ofSeconds(1), () -> reloader.reloads() == 1);
    }

    @Test
    void portsAreOpenedAndClosedAsBindsComeAndGo() throws Exception {
        int first = freePort();
        int second = freePort();
        Path config = start(http(first, 1, ""));
        String both = "config: {connectionTerminationDeadline: 1s}\n" + http(first, 1, "") + """
                - port: %d
                  listeners:
                  - routes: [{backends: [{testEcho: {name: second}}]}]
                """.formatted(second);
        save(config, both);
        await("the second port", Duration.ofSeconds(2), () -> {
            try {
                return get(second, "/").startsWith("200 backend=second ");
            } catch (ConnectException notYet) {
                return false;
            }
        });
        save(config, "config: {connectionTerminationDeadline: 1s}\n" + http(second, 2, ""));
        await("the first port closing", Duration.ofSeconds(3), () -> {
            try {
                get(first, "/");
                return false;
            } catch (IOException closed) { // refused, or GOAWAY on a pooled HTTP/2 connection as the port drains
                return true;
            }
        });
        assertTrue(get(second, "/").startsWith("200 backend=v2 "));
    }

    @Test
    void aSwappedListenerCertificateIsServedToNewHandshakes() throws Exception {
        TestCertificates ca = TestCertificates.newCa("reload CA");
        Path tls = ca.server(KeyType.EC, "localhost").write(dir.resolve("tls"), KeyFormat.PKCS8);
        int port = freePort();
        start("""
                binds:
                - port: %d
                  listeners:
                  - protocol: HTTPS
                    tls: {cert: tls/cert.pem, key: tls/key.pem}
                    routes: [{backends: [{testEcho: {name: tls}}]}]
                """.formatted(port));
        String before = Openssl.serial(port, "localhost");
        TestCertificates.Issued replacement = ca.server(KeyType.EC, "localhost");
        Path staged = replacement.write(dir.resolve("staged"), KeyFormat.PKCS8);
        Files.copy(staged.resolve("key.pem"), tls.resolve("key.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(staged.resolve("cert.pem"), tls.resolve("cert.pem"), StandardCopyOption.REPLACE_EXISTING);
        BigInteger expected = replacement.certificate().getSerialNumber();
        await("the new certificate", Duration.ofSeconds(3), () -> new BigInteger(Openssl.serial(port, "localhost"), 16).equals(expected));
        assertNotEquals(new BigInteger(before, 16), expected);
        assertTrue(Files.readString(tls.resolve("cert.pem"), StandardCharsets.US_ASCII).contains("BEGIN CERTIFICATE"));
    }
}
