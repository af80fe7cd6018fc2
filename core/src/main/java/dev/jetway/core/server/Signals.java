package dev.jetway.core.server;

import sun.misc.Signal;

/**
 * POSIX signals: HUP reloads the config now; TERM and INT stop gracefully, so that the process exits 0 after draining
 * rather than with the JVM's 143.
 */
final class Signals {

    private Signals() {
    }

    static void onHangup(Runnable action) {
        handle("HUP", action);
    }

    static void onTerminate(Runnable action) {
        handle("TERM", action);
        handle("INT", action);
    }

    private static void handle(String name, Runnable action) {
        try {
            Signal.handle(new Signal(name), signal -> new Thread(action, "jetway-signal-" + name).start());
        } catch (IllegalArgumentException unsupported) {
            // not a POSIX platform, or the JVM reserves the signal: the default behaviour stays
        }
    }
}
