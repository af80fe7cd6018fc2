package dev.jetway.core.server;

import java.time.Duration;

import dev.jetway.core.config.GlobalSettings;

/** How long requests in flight may take to finish when a port closes or the gateway stops. */
final class Drain {

    private Drain() {
    }

    /** {@code config.connectionTerminationDeadline}, agentgateway's setting, else {@link Gateway#DEFAULT_DRAIN}. */
    static Duration of(GlobalSettings settings) {
        Duration deadline = settings.connectionTerminationDeadline();
        return deadline == null ? Gateway.DEFAULT_DRAIN : deadline;
    }
}
