package dev.jetway.core.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.jetway.core.config.ConfigDocument;
import dev.jetway.core.config.ConfigReader;
import dev.jetway.core.config.EnvExpander;
import dev.jetway.core.config.InvalidConfigException;
import dev.jetway.core.plugin.PluginRegistry;
import dev.jetway.api.ConfigException;
import dev.jetway.core.server.Gateway;
import dev.jetway.core.server.GatewayOptions;

/**
 * A real gateway for tests, from YAML, with the plugins on the test class path, listening on 127.0.0.1. Use
 * {@code port: 0} in binds and ask {@link #port(int)} which port each bind got.
 */
public final class TestGateway implements AutoCloseable {

    private static final PluginRegistry PLUGINS = PluginRegistry.load(List.of());

    private final Gateway gateway;

    private TestGateway(Gateway gateway) {
        this.gateway = gateway;
    }

    /** Starts a gateway from {@code yaml}; relative file names resolve against {@code workingDir}. */
    public static TestGateway start(String yaml, Path workingDir) throws Exception {
        return start(yaml, workingDir, Map.of());
    }

    /**
     * Starts a gateway; the operations endpoints are off unless {@code env} sets {@code ADMIN_ADDR},
     * {@code STATS_ADDR} or {@code READINESS_ADDR} (so that test gateways do not compete for their default ports).
     */
    public static TestGateway start(String yaml, Path workingDir, Map<String, String> env) throws Exception {
        Map<String, String> withOps = new java.util.HashMap<>(Map.of("ADMIN_ADDR", "off", "STATS_ADDR", "off",
                "READINESS_ADDR", "off"));
        withOps.putAll(env);
        Gateway gateway = Gateway.create(PLUGINS, new GatewayOptions("127.0.0.1", workingDir, withOps));
        gateway.start(gateway.plan(document(yaml, env)));
        return new TestGateway(gateway);
    }

    private static ConfigDocument document(String yaml, Map<String, String> env) throws InvalidConfigException {
        return new ConfigReader(EnvExpander.of(env)).readInline(yaml);
    }

    /** The problems of an invalid config, as users see them ({@code <inline>:12:7: field: message}). */
    public static List<String> problems(String yaml, Path workingDir) {
        try {
            Gateway.create(PLUGINS, new GatewayOptions("127.0.0.1", workingDir, Map.of("ADMIN_ADDR", "off")))
                    .plan(document(yaml, Map.of()));
            return List.of();
        } catch (InvalidConfigException e) {
            return e.problems().stream().map(Object::toString).toList();
        } catch (ConfigException e) {
            return List.of(e.getMessage());
        }
    }

    /**
     * The problems of a route with these policies (the YAML of its {@code policies} block, written from line 6 with an
     * indent of 8) in front of a {@code testEcho} backend.
     */
    public static List<String> policyProblems(String policies, Path workingDir) {
        return problems("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - policies:
                %s
                      backends: [{testEcho: {name: policies}}]
                """.formatted(policies.indent(8).stripTrailing()), workingDir);
    }

    /** The kernel's own factory context, for building one backend or policy by hand in a handler test. */
    public static dev.jetway.api.FactoryContext context(Path workingDir) throws ConfigException {
        return Gateway.create(PLUGINS, new GatewayOptions("127.0.0.1", workingDir, Map.of())).context("test backend");
    }

    /** Replaces the running config with {@code yaml}, as a reload does. */
    public void apply(String yaml, Map<String, String> env) throws Exception {
        gateway.apply(gateway.plan(document(yaml, env)));
    }

    public int port(int bindIndex) {
        return gateway.port(bindIndex);
    }

    public int port() {
        return port(0);
    }

    /** The port of an operations endpoint ({@code admin}, {@code stats}, {@code readiness}); -1 when off. */
    public int opsPort(String endpoint) {
        return gateway.opsPort(endpoint);
    }

    public Gateway gateway() {
        return gateway;
    }

    @Override
    public void close() throws Exception {
        gateway.stop();
    }
}
