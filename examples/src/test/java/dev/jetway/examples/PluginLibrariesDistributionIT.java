package dev.jetway.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.jetway.core.testing.JetwayProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundled plugin with a library of its own (jwt-auth and nimbus-jose-jwt) runs from the unpacked release: the
 * library sits in the plugin's lib/ folder, not in the kernel's, and PF4J loads it with the plugin.
 */
class PluginLibrariesDistributionIT {

    @TempDir
    Path dir;

    @Test
    void jwtAuthRunsFromTheReleaseWithItsLibraryInItsOwnFolder() throws Exception {
        Path tarball = Path.of(System.getProperty("jetway.distribution"));
        assertTrue(Files.exists(tarball), "build the distribution first (mvn -pl examples -am verify): " + tarball);
        run(dir, "tar", "xzf", tarball.toString());
        Path home;
        try (Stream<Path> entries = Files.list(dir)) {
            home = entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertTrue(Files.exists(home.resolve("plugins/jetway-plugin-jwt-auth/lib/nimbus-jose-jwt-10.10.jar")));
        try (Stream<Path> kernel = Files.list(home.resolve("lib"))) {
            assertFalse(kernel.anyMatch(jar -> jar.getFileName().toString().startsWith("nimbus")), "not in the kernel's lib/");
        }

        RSAKey key = new RSAKeyGenerator(2048).keyID("release").generate();
        Files.writeString(dir.resolve("jwks.json"), new JWKSet(key).toPublicJWKSet().toString());
        int port = JetwayProcess.freePort();
        Path config = Files.writeString(dir.resolve("config.yaml"), """
                binds:
                - port: %d
                  listeners:
                  - routes:
                    - policies:
                        jwtAuth: {mode: strict, issuer: release-test, jwks: {file: %s}}
                        backendAuth: {key: upstream-key}
                        directResponse: {body: "authenticated", status: 200}
                """.formatted(port, dir.resolve("jwks.json")));
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("release").build(),
                new JWTClaimsSet.Builder().issuer("release-test")
                        .expirationTime(new java.util.Date(System.currentTimeMillis() + 600_000)).build());
        token.sign(new RSASSASigner(key));

        // No class-data archive: its one-off dump at a first start is not what this test is about, and it is slow.
        try (JetwayProcess jetway = JetwayProcess.start(List.of(home.resolve("bin/jetway").toString(), "-f",
                config.toString(), "--bind-address", "127.0.0.1"), Map.of("JAVA_OPTS", "-Xshare:off"),
                dir.resolve("jetway.log"), port)) {
            String refused = run(dir, "curl", "-si", "http://127.0.0.1:" + port + "/");
            assertTrue(refused.startsWith("HTTP/1.1 401"), refused);
            String passed = run(dir, "curl", "-si", "-H", "Authorization: Bearer " + token.serialize(),
                    "http://127.0.0.1:" + port + "/");
            assertTrue(passed.startsWith("HTTP/1.1 200"), passed);
            assertTrue(passed.endsWith("authenticated"), passed);
            String startup = jetway.log();
            assertTrue(startup.contains("Plugin jwt-auth 0.1.0-SNAPSHOT (STARTED) from "
                    + home.resolve("plugins/jetway-plugin-jwt-auth")), startup);
            assertTrue(startup.contains("policy jwtAuth") && startup.contains("policy backendAuth"), startup);
        }
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }
}
