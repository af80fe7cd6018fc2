package dev.jetway.core.config;

import java.util.List;

/** One port and the listeners that share it ({@code binds[]}). */
public record BindConfig(Integer port, List<ListenerConfig> listeners, String tunnelProtocol) {

    public BindConfig {
        listeners = listeners == null ? List.of() : List.copyOf(listeners);
    }
}
