package dev.jetway.core.routing;

import static java.util.Objects.requireNonNull;

import java.util.List;

import org.eclipse.jetty.server.Handler;

/**
 * A built route: its conditions and the handler chain (policies, then backends) that serves what it matches.
 *
 * @param hostnames patterns the request host must match; empty for any host
 */
public record Route(String name, List<String> hostnames, List<RouteMatcher> matchers, Handler handler) {

    public Route {
        requireNonNull(name, "name");
        hostnames = List.copyOf(hostnames);
        matchers = List.copyOf(matchers);
        requireNonNull(handler, "handler");
    }

    /**
     * How well the request host fits this route's hostnames: {@code Integer.MAX_VALUE} for an exact name, the
     * wildcard's length for a wildcard (longer is more specific), 0 for a route without hostnames, -1 for no fit.
     */
    int hostScore(String host) {
        if (hostnames.isEmpty()) {
            return 0;
        }
        int best = -1;
        for (String pattern : hostnames) {
            switch (HostnameMatcher.rank(pattern, host)) {
                case EXACT -> best = Integer.MAX_VALUE;
                case WILDCARD -> best = Math.max(best, pattern.length());
                case ANY -> best = Math.max(best, 0);
                case NONE -> { }
            }
        }
        return best;
    }
}
