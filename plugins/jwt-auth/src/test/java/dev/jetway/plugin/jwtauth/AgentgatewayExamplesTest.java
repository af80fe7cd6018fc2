package dev.jetway.plugin.jwtauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.jetway.core.testing.TestGateway;
import dev.jetway.plugin.jwtauth.testing.TestKeys;
import dev.jetway.plugin.mcp.testing.Everything;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * agentgateway v1.1's examples that use {@code jwtAuth} or {@code mcpAuthentication} pass validation as far as these
 * policies go (other policies of theirs are other plugins' business), with their JWKS file in place; their JWKS URLs
 * are not fetched by validation (nothing listens there).
 */
class AgentgatewayExamplesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"authorization__config.yaml", "ratelimiting__local__config.yaml", "mcp-authentication__config.yaml"})
    void theirAuthenticationPoliciesAreAccepted(String example) throws Exception {
        Path manifests = Files.createDirectories(dir.resolve("manifests/jwt"));
        Files.writeString(manifests.resolve("pub-key"), TestKeys.jwks(TestKeys.rsa("agentgateway-example")));
        String yaml = Files.readString(Everything.repoRoot().resolve("examples/src/test/resources/agentgateway-v1.1/" + example));
        List<String> problems = TestGateway.problems(yaml, dir).stream()
                .filter(problem -> problem.contains(".jwtAuth") || problem.contains(".mcpAuthentication")).toList();
        assertEquals(List.of(), problems);
    }
}
