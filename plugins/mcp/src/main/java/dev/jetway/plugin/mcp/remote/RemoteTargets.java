package dev.jetway.plugin.mcp.remote;

import java.net.URI;
import java.time.Duration;

import dev.jetway.api.ConfigException;
import dev.jetway.plugin.mcp.spi.McpTarget;
import dev.jetway.plugin.mcp.spi.TargetContext;

/** Builds remote targets from their config, for the {@code mcp}, {@code http} and {@code sse} keys. */
final class RemoteTargets {

    /** Past the request timeout, so that the gateway's own timeout (which names the method) fires first. */
    private static final Duration IDLE_MARGIN = Duration.ofSeconds(5);

    private RemoteTargets() {
    }

    static McpTarget streamable(RemoteConfig config, TargetContext context) throws ConfigException {
        URI uri = RemoteAddress.of(config, "/mcp", context.gateway().upstreamTls().isPresent());
        return new StreamableHttpTarget(context.name(), uri, http(context), context.scheduler());
    }

    static McpTarget sse(RemoteConfig config, TargetContext context) throws ConfigException {
        URI uri = RemoteAddress.of(config, "/sse", context.gateway().upstreamTls().isPresent());
        return new LegacySseTarget(context.name(), uri, http(context));
    }

    private static UpstreamHttp http(TargetContext context) {
        return new UpstreamHttp(context.gateway().httpClient(), context.timeout().plus(IDLE_MARGIN));
    }
}
