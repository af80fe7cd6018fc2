package dev.jetway.core.ops;

import java.util.List;
import java.util.Map;

import dev.jetway.core.config.ConfigPath;
import dev.jetway.core.config.GlobalSettings;
import dev.jetway.core.config.Problems;

/**
 * The operations endpoints: admin (loopback only, as it can stop the gateway), Prometheus metrics and readiness.
 * Each address comes from {@code config}, else from its environment variable, else the agentgateway default.
 *
 * @param admin {@code null} when off
 * @param stats {@code null} when off
 * @param readiness {@code null} when off
 */
public record OpsSettings(OpsAddress admin, OpsAddress stats, OpsAddress readiness) {

    public static final String ADMIN_ADDR = "ADMIN_ADDR";
    public static final String STATS_ADDR = "STATS_ADDR";
    public static final String READINESS_ADDR = "READINESS_ADDR";

    /** @return the settings, or {@code null} with problems recorded */
    public static OpsSettings resolve(GlobalSettings settings, Map<String, String> environment, Problems problems) {
        ConfigPath config = ConfigPath.ROOT.key("config");
        OpsAddress admin = address(settings.adminAddr(), environment.get(ADMIN_ADDR), "localhost:15000",
                config.key("adminAddr"), ADMIN_ADDR, problems);
        OpsAddress stats = address(settings.statsAddr(), environment.get(STATS_ADDR), ":15020",
                config.key("statsAddr"), STATS_ADDR, problems);
        OpsAddress readiness = address(settings.readinessAddr(), environment.get(READINESS_ADDR), ":15021",
                config.key("readinessAddr"), READINESS_ADDR, problems);
        if (admin != null && !admin.isLoopback()) {
            problems.add(config.key("adminAddr"), "the admin endpoint must listen on a loopback address such as "
                    + "localhost:15000 (it can stop the gateway and change log levels), not " + admin);
        }
        return new OpsSettings(admin, stats, readiness);
    }

    /**
     * Two endpoints on one port, or an endpoint on a bind's port, would fail at start with "address already in use":
     * refused here, so that {@code --validate-only} says so.
     *
     * @param bindPorts the ports of the binds, with where each is written
     */
    public void checkPorts(Map<Integer, ConfigPath> bindPorts, Problems problems) {
        ConfigPath config = ConfigPath.ROOT.key("config");
        record Endpoint(String key, OpsAddress address) {
        }
        Map<Integer, String> taken = new java.util.HashMap<>();
        for (Endpoint endpoint : List.of(new Endpoint("adminAddr", admin), new Endpoint("statsAddr", stats),
                new Endpoint("readinessAddr", readiness))) {
            OpsAddress address = endpoint.address();
            if (address == null || address.port() == 0) {
                continue;
            }
            String key = endpoint.key();
            String previous = taken.putIfAbsent(address.port(), key);
            if (previous != null) {
                problems.addAtKey(config.key(key), key + " uses port " + address.port() + ", as " + previous + " does;"
                        + " give each operations endpoint its own port");
            } else if (bindPorts.containsKey(address.port())) {
                problems.addAtKey(config.key(key), key + " uses port " + address.port() + ", which " + bindPorts.get(address.port())
                        + " listens on; give the operations endpoint another port");
            }
        }
    }

    private static OpsAddress address(String configured, String fromEnvironment, String fallback, ConfigPath at,
                                      String variable, Problems problems) {
        String value = configured != null ? configured : fromEnvironment != null ? fromEnvironment : fallback;
        try {
            return OpsAddress.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(at, (configured != null ? "" : "from " + variable + ": ") + e.getMessage());
            return null;
        }
    }
}
