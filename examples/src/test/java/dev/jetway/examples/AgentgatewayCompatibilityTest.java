package dev.jetway.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.jetway.core.testing.TestCertificates;
import dev.jetway.core.testing.TestCertificates.KeyFormat;
import dev.jetway.core.testing.TestCertificates.KeyType;
import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * agentgateway v1.1's own example configs: each one loads, or is refused only for features jetway does not support
 * yet, named as such. A field name jetway spells differently would show up here as an unknown key.
 */
class AgentgatewayCompatibilityTest {

    private static final Path CORPUS = Path.of("src/test/resources/agentgateway-v1.1").toAbsolutePath();

    @TempDir
    static Path dir;

    static Stream<String> configs() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith("__config.yaml")).sorted().toList().stream();
        }
    }

    /** The examples with agentgateway's telemetry settings: those settings are accepted as written. */
    @ParameterizedTest
    @ValueSource(strings = {"telemetry__config.yaml", "a2a__config.yaml", "oauth2-proxy__config.yaml",
            "tailscale-auth__config.yaml", "oidc__config.yaml", "ratelimiting__global__config.yaml",
            "ratelimiting__local__config.yaml"})
    void acceptsFrontendPoliciesAndTracingAsWritten(String name) throws IOException {
        List<String> problems = TestGateway.problems(Files.readString(CORPUS.resolve(name)), dir);
        for (String problem : problems) {
            assertFalse(problem.matches("[^:]*:\\d+:\\d+: (frontendPolicies|config\\.tracing|config\\.logging).*"),
                    name + ": " + problem);
        }
        if (name.equals("telemetry__config.yaml")) {
            assertEquals(List.of(), problems);
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void loadsOrNamesWhatIsNotSupported(String name) throws Exception {
        // The TLS example reads its certificate from examples/tls/certs/ under the working directory.
        TestCertificates.newCa("corpus CA").server(KeyType.RSA, "localhost")
                .write(dir.resolve("examples/tls/certs"), KeyFormat.PKCS8);
        // The jwtAuth examples read their issuer's public keys from manifests/jwt/pub-key (a JWKS).
        Files.createDirectories(dir.resolve("manifests/jwt"));
        Files.writeString(dir.resolve("manifests/jwt/pub-key"), new JWKSet(new RSAKeyGenerator(2048).keyID("example")
                .generate()).toPublicJWKSet().toString());
        // The openapi example reads the Petstore's document from examples/openapi/ under the working directory.
        Path openapi = Files.createDirectories(dir.resolve("examples/openapi")).resolve("openapi.json");
        if (!Files.exists(openapi)) {
            Files.copy(CORPUS.resolve("openapi__openapi.json"), openapi);
        }
        List<String> problems = TestGateway.problems(Files.readString(CORPUS.resolve(name)), dir);
        for (String problem : problems) {
            assertFalse(problem.contains("unknown key") || problem.contains("unknown policy") || problem.contains("unknown backend"),
                    name + ": " + problem);
            assertTrue(problem.contains("not supported") || problem.contains("does not support yet")
                    || problem.endsWith(": port is required"), name + ": " + problem);
        }
    }

    /** agentgateway's openapi example: its target loads once the document is where it says (cors aside, if refused). */
    @org.junit.jupiter.api.Test
    void theOpenapiExampleNeedsOnlyItsDocument(@TempDir Path empty) throws IOException {
        String config = Files.readString(CORPUS.resolve("openapi__config.yaml"));
        List<String> missing = TestGateway.problems(config, empty).stream().filter(p -> !p.contains(".policies.cors")).toList();
        assertEquals(List.of("<inline>:12:23: binds[0].listeners[0].routes[0].backends[0].mcp.targets[0].openapi.schema.file:"
                + " file not found: ./examples/openapi/openapi.json"), missing);
        Files.createDirectories(empty.resolve("examples/openapi"));
        Files.copy(CORPUS.resolve("openapi__openapi.json"), empty.resolve("examples/openapi/openapi.json"));
        assertEquals(List.of(), TestGateway.problems(config, empty).stream().filter(p -> !p.contains(".policies.cors")).toList());
    }
}
