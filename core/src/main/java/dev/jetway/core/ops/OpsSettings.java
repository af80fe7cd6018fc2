package dev.jetway.core.ops;

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
