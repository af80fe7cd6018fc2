package dev.jetway.plugin.mcp.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deadlines checked on a coarse tick rather than a timer each: arming and disarming one is a set operation, where a
 * timer per request would wake the timer thread twice per request. A deadline fires up to one tick late.
 */
public final class Deadlines {

    /** Something with a deadline. */
    public interface Watched {
        /** When, in {@link System#nanoTime()} terms. */
        long deadline();

        /** Called once, on the ticking thread, when the deadline has passed; must not block. */
        void expired();
    }

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();

    public void watch(Watched item) {
        watched.add(item);
    }

    public void forget(Watched item) {
        watched.remove(item);
    }

    /** Fires what has expired; the owner calls it every tick. */
    public void tick() {
        long now = System.nanoTime();
        for (Watched item : watched) {
            if (now - item.deadline() >= 0 && watched.remove(item)) {
                item.expired();
            }
        }
    }
}
