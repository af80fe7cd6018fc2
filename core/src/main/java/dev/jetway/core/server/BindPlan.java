package dev.jetway.core.server;

import dev.jetway.core.listener.BindHandler;

/**
 * One bind of a config, built but not running.
 *
 * @param key what identifies the bind across reloads: its port, or its position for {@code port: 0}
 */
record BindPlan(String key, int port, BindHandler handler) {

    boolean isSecure() {
        return handler.state().isSecure();
    }
}
