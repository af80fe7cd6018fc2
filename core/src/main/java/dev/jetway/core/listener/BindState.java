package dev.jetway.core.listener;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The listeners of one bind in one config generation: which listener a host name selects and, for HTTPS, the TLS
 * factory of each. Immutable; a reload swaps in a new one.
 */
public final class BindState {

    private final List<GatewayListener> listeners;
    private final ListenerSelector selector;
    private final Map<GatewayListener, ListenerSslConnectionFactory> tls = new IdentityHashMap<>();

    public BindState(List<GatewayListener> listeners) {
        this.listeners = List.copyOf(listeners);
        this.selector = new ListenerSelector(listeners);
        for (GatewayListener listener : listeners) {
            if (listener.isSecure()) {
                tls.put(listener, new ListenerSslConnectionFactory(listener, "alpn"));
            }
        }
    }

    public List<GatewayListener> listeners() {
        return listeners;
    }

    public boolean isSecure() {
        return !tls.isEmpty();
    }

    /** The listener for a host name or SNI ({@code null}: none sent), or {@code null} when none takes it. */
    GatewayListener select(String host) {
        return selector.select(host);
    }

    ListenerSslConnectionFactory tls(GatewayListener listener) {
        return tls.get(listener);
    }

    /** The TLS factories, to be started and stopped with the generation. */
    public List<? extends Object> lifeCycles() {
        return List.copyOf(tls.values());
    }
}
