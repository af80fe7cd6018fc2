package dev.jetway.plugin.extauthz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The extAuthz and authorization policies of agentgateway's own examples pass validation as written. The rest of
 * those files (frontendPolicies, urlRewrite) belongs to other plugins and is left out here.
 */
class AgentgatewayExamplesTest {

    private static final Path CORPUS = Path.of("../../examples/src/test/resources/agentgateway-v1.1");
    private static final Set<String> OURS = Set.of("extAuthz", "authorization");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"oauth2-proxy__config.yaml", "tailscale-auth__config.yaml", "http__config.yaml"})
    void ourPoliciesInTheExamplesAreAccepted(String example) throws Exception {
        ObjectNode config = (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(CORPUS.resolve(example).toFile());
        config.remove("frontendPolicies");
        int ours = 0;
        for (JsonNode bind : config.path("binds")) {
            for (JsonNode listener : bind.path("listeners")) {
                for (JsonNode route : listener.path("routes")) {
                    if (route.get("policies") instanceof ObjectNode policies) {
                        policies.retain(OURS);
                        ours += policies.size();
                        if (policies.isEmpty()) {
                            ((ObjectNode) route).remove("policies");
                        }
                    }
                    if (!route.has("backends")) {
                        ((ObjectNode) route).putArray("backends").addObject().put("host", "127.0.0.1:8080");
                    }
                }
            }
        }
        assertEquals(1, ours, example + " has one policy of ours");
        assertEquals(List.of(), TestGateway.problems(config.toString(), dir));
    }
}
