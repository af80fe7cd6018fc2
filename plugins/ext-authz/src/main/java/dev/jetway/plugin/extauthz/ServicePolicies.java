package dev.jetway.plugin.extauthz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.api.FactoryContext;

/**
 * {@code extAuthz.policies}, agentgateway's policies for the connection to the service: {@code http.requestTimeout}
 * bounds each check (200ms by default, as agentgateway's); the other keys are refused by name.
 */
final class ServicePolicies {

    /** agentgateway's default for a check. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(200);

    /** agentgateway's {@code SimpleLocalBackendPolicies} besides {@code http}. */
    private static final Set<String> NOT_SUPPORTED = Set.of("requestHeaderModifier", "responseHeaderModifier",
            "requestRedirect", "transformations", "backendTLS", "backendAuth", "tcp", "health", "backendTunnel");

    /** {@code policies.http}. */
    record Http(String version, Duration requestTimeout) {
    }

    private ServicePolicies() {
    }

    /** The check timeout that {@code policies} sets, else the default. */
    static Duration timeout(ObjectNode policies, FactoryContext context) throws ConfigException {
        if (policies == null) {
            return DEFAULT_TIMEOUT;
        }
        List<ConfigProblem> problems = new ArrayList<>();
        Duration timeout = DEFAULT_TIMEOUT;
        for (Map.Entry<String, JsonNode> entry : policies.properties()) {
            String at = "policies." + entry.getKey();
            if (entry.getKey().equals("http")) {
                Http http = context.bind(entry.getValue(), Http.class, at);
                if (http.version() != null) {
                    problems.add(new ConfigProblem(at + ".version", "policies.http.version is not supported for extAuthz"
                            + " yet; http checks use HTTP/1.1, grpc checks HTTP/2"));
                }
                if (http.requestTimeout() != null) {
                    timeout = http.requestTimeout();
                }
            } else if (NOT_SUPPORTED.contains(entry.getKey())) {
                problems.add(new ConfigProblem(at, "policy \"" + entry.getKey() + "\" for the authorization service is not"
                        + " supported yet; supported: http.requestTimeout"));
            } else {
                problems.add(new ConfigProblem(at, "unknown key \"" + entry.getKey() + "\"; allowed keys: "
                        + String.join(", ", NOT_SUPPORTED.stream().sorted().toList()) + ", http"));
            }
        }
        if (timeout.isZero()) {
            problems.add(new ConfigProblem("policies.http.requestTimeout", "the check timeout must be more than 0, such as 1s"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return timeout;
    }
}
