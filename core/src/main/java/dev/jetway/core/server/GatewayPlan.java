package dev.jetway.core.server;

import java.nio.file.Path;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.core.config.GlobalSettings;
import dev.jetway.core.ops.OpsSettings;
import dev.jetway.core.routing.RouteCache;
import dev.jetway.core.telemetry.TelemetryPlan;

/**
 * A validated config, built but not running: what {@link Gateway#apply} swaps in.
 *
 * @param filesRead the config's own file and every file a factory read, for the reloader to watch
 * @param logLevels {@code config.logging.level} as a spec for {@link dev.jetway.core.ops.LogLevels}, or {@code null}
 * @param effective the config as the gateway understood it, for the admin's config dump
 */
record GatewayPlan(Generation generation, GlobalSettings settings, OpsSettings ops, String logLevels,
                   TelemetryPlan telemetry, RouteCache routes, Set<Path> filesRead, JsonNode effective) {
}
