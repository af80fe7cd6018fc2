package dev.jetway.core.listener;

import java.util.List;

import dev.jetway.core.routing.HostnameMatcher;

/** The listener of a bind for a host name (SNI or {@code Host}): exact, then longest wildcard, then default. */
final class ListenerSelector {

    private final HostnameMatcher<GatewayListener> matcher = new HostnameMatcher<>();
    /** The bind's only listener when it has no hostname: it takes every host, with no matching to do. */
    private final GatewayListener only;

    ListenerSelector(List<GatewayListener> listeners) {
        for (GatewayListener listener : listeners) {
            matcher.add(listener.hostname(), listener);
        }
        only = listeners.size() == 1 && listeners.get(0).hostname() == null ? listeners.get(0) : null;
    }

    /** {@code null} when no listener takes {@code host}. */
    GatewayListener select(String host) {
        return only != null ? only : matcher.select(host);
    }
}
