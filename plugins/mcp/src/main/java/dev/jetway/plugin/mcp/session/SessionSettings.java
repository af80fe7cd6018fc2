package dev.jetway.plugin.mcp.session;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.jetway.plugin.mcp.mux.Naming;
import dev.jetway.plugin.mcp.mux.Multiplexer;
import dev.jetway.plugin.mcp.spi.McpTarget;

import static java.util.Objects.requireNonNull;

/**
 * What every session of one {@code mcp} backend shares.
 *
 * @param location       where the backend is in the config (route, listener, port), for log lines
 * @param targets        the targets, in config order
 * @param multiplexer    how requests are routed when multiplexing; {@code null} when one target is passed through
 * @param failOpen       whether failed targets are skipped ({@code failOpen}) rather than failing the request
 * @param requestTimeout how long a target may take to answer a request (progress notifications restart the clock)
 * @param deadlines      where request timeouts are watched
 * @param tools          the tools the targets have listed to clients
 * @param maxRequestsInFlight how many requests of one session may wait for answers at once
 */
public record SessionSettings(String location, List<McpTarget> targets, Multiplexer multiplexer, boolean failOpen,
                              Duration requestTimeout, Deadlines deadlines, ToolCatalog tools, int maxRequestsInFlight) {
    public SessionSettings {
        requireNonNull(location, "location");
        targets = List.copyOf(requireNonNull(targets, "targets"));
        requireNonNull(requestTimeout, "requestTimeout");
        requireNonNull(deadlines, "deadlines");
        requireNonNull(tools, "tools");
        if (maxRequestsInFlight <= 0) {
            throw new IllegalArgumentException("maxRequestsInFlight must be positive");
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("an mcp backend needs at least one target");
        }
        if (multiplexer == null && targets.size() != 1) {
            throw new IllegalArgumentException("several targets need a multiplexer");
        }
    }

    public boolean multiplexing() {
        return multiplexer != null;
    }

    /**
     * The target and the target's own name of a name (or URI) as clients see it: split at the target prefix when
     * multiplexing, else the one target's. Empty when it names no target.
     */
    public Optional<Naming.Qualified> split(String name, boolean uri) {
        if (name == null) {
            return Optional.empty();
        }
        if (multiplexer == null) {
            return Optional.of(new Naming.Qualified(targets.get(0).name(), name));
        }
        return uri ? multiplexer.naming().splitUri(name) : multiplexer.naming().splitName(name);
    }
}
