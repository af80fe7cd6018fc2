package dev.jetway.plugin.remoteratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.api.FactoryContext;

/**
 * The {@code policies} of the connection to the rate limit service (agentgateway's SimpleLocalBackendPolicies): only
 * {@code http.requestTimeout}, the deadline of each call, is supported; the other keys are refused by name.
 */
final class ServicePolicies {

    /**
     * How long a call may take when {@code policies.http.requestTimeout} does not say. agentgateway sets no limit;
     * this one only bounds a service that hangs, generous enough for a first call on a cold, busy gateway (class
     * loading, the HTTP/2 connection) to pass. Set requestTimeout for a tighter budget.
     */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Set<String> AGENTGATEWAY_KEYS = Set.of("requestHeaderModifier", "responseHeaderModifier",
            "requestRedirect", "transformations", "backendTLS", "backendAuth", "tcp", "health", "backendTunnel");

    /** {@code policies.http}: {@code {version?, requestTimeout?}}. */
    record Http(String version, Duration requestTimeout) {
    }

    private ServicePolicies() {
    }

    /** The call deadline that {@code policies} sets, or the default. */
    static Duration timeout(JsonNode policies, FactoryContext context) throws ConfigException {
        if (policies == null || policies.isNull()) {
            return DEFAULT_TIMEOUT;
        }
        if (!policies.isObject()) {
            throw new ConfigException("policies", "policies is a map of connection policies, such as {http: {requestTimeout: 500ms}}");
        }
        List<ConfigProblem> problems = new ArrayList<>();
        Duration timeout = DEFAULT_TIMEOUT;
        for (Map.Entry<String, JsonNode> policy : policies.properties()) {
            String key = policy.getKey();
            if (key.equals("http")) {
                Http http = context.bind(policy.getValue(), Http.class, "policies.http");
                if (http.version() != null) {
                    problems.add(new ConfigProblem("policies.http.version", "gRPC always speaks HTTP/2: version is not"
                            + " supported for the rate limit service"));
                }
                if (http.requestTimeout() != null) {
                    if (http.requestTimeout().isNegative() || http.requestTimeout().isZero()) {
                        problems.add(new ConfigProblem("policies.http.requestTimeout", "requestTimeout must be positive"));
                    } else {
                        timeout = http.requestTimeout();
                    }
                }
            } else if (AGENTGATEWAY_KEYS.contains(key)) {
                problems.add(new ConfigProblem("policies." + key, "\"" + key + "\" is an agentgateway setting that jetway"
                        + " does not support yet for the rate limit service (a cleartext HTTP/2 connection);"
                        + " supported: http.requestTimeout"));
            } else {
                problems.add(new ConfigProblem("policies." + key, "unknown key \"" + key + "\"; allowed keys: http"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return timeout;
    }
}
