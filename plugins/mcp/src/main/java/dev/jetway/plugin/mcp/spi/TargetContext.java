package dev.jetway.plugin.mcp.spi;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

import dev.jetway.api.FactoryContext;

import static java.util.Objects.requireNonNull;

/**
 * What a target factory gets besides its config.
 *
 * @param name      the target's name, for log lines and for the errors clients see
 * @param gateway   the kernel's context of the backend (location, files, the upstream HTTP client and its TLS)
 * @param scheduler the backend's scheduler, for timed steps that must not hold a thread (started with the gateway)
 * @param timeout   how long the target may take to answer a request, also a bound for connection set-up
 */
public record TargetContext(String name, FactoryContext gateway, ScheduledExecutorService scheduler, Duration timeout) {
    public TargetContext {
        requireNonNull(name, "name");
        requireNonNull(gateway, "gateway");
        requireNonNull(scheduler, "scheduler");
        requireNonNull(timeout, "timeout");
    }
}
