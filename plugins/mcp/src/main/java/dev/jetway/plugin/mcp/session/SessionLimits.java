package dev.jetway.plugin.mcp.session;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How long sessions live and how many there may be.
 *
 * @param idleTimeout how long a session lives without a request in flight, an open stream or a new request, counted
 *                    from the end of its last activity
 * @param maxAge      how long an id stays valid after it was issued, however active its session
 * @param maxSessions how many sessions may be open at once (each stdio session runs a child process)
 */
public record SessionLimits(Duration idleTimeout, Duration maxAge, int maxSessions) {
    public SessionLimits {
        requireNonNull(idleTimeout, "idleTimeout");
        requireNonNull(maxAge, "maxAge");
        if (maxSessions <= 0) {
            throw new IllegalArgumentException("maxSessions must be positive");
        }
    }
}
