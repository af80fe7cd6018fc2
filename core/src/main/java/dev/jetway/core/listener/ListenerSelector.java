package dev.jetway.core.listener;

import java.util.List;

import dev.jetway.core.routing.HostnameMatcher;

/** The listener of a bind for a host name (SNI or {@code Host}): exact, then longest wildcard, then default. */
final class ListenerSelector {

    private final HostnameMatcher<GatewayListener> matcher = new HostnameMatcher<>();

    ListenerSelector(List<GatewayListener> listeners) {
        for (GatewayListener listener : listeners) {
            matcher.add(listener.hostname(), listener);
        }
    }

    /** {@code null} when no listener takes {@code host}. */
    GatewayListener select(String host) {
        return matcher.select(host);
    }
}
