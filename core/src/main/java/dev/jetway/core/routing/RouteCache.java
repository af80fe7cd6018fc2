package dev.jetway.core.routing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jetty.server.Handler;

/**
 * Route handler chains that a reload can keep: a chain built from the same backends and policies, at the same place,
 * reading files that have not changed, is handed to the new config as it is, running (its MCP sessions, pooled
 * connections and child processes included). A chain is handed out once per config.
 */
public final class RouteCache {

    /** A chain and what it was built from. */
    private record Entry(String key, Handler handler, Map<Path, String> files) {
    }

    private final Map<String, Deque<Entry>> available;
    private final List<Entry> built = new ArrayList<>();
    private final Set<Handler> reused = Collections.newSetFromMap(new IdentityHashMap<>());

    public RouteCache() {
        this(Map.of());
    }

    private RouteCache(Map<String, Deque<Entry>> available) {
        this.available = available;
    }

    /** A running chain for {@code key} whose files are unchanged, or {@code null}. */
    public synchronized Handler take(String key) {
        Deque<Entry> candidates = available.get(key);
        while (candidates != null && !candidates.isEmpty()) {
            Entry entry = candidates.poll();
            if (entry.files().equals(stamp(entry.files().keySet()))) {
                built.add(entry);
                reused.add(entry.handler());
                return entry.handler();
            }
        }
        return null;
    }

    /** Records a chain built for this config and the files it read. */
    public synchronized void put(String key, Handler handler, Set<Path> files) {
        built.add(new Entry(key, handler, stamp(files)));
    }

    /** The chains this config took over from the previous one: they must outlive it. */
    public synchronized Set<Handler> reused() {
        return Set.copyOf(reused);
    }

    /** A cache for building the next config: it may take over the chains of this one. */
    public synchronized RouteCache fork() {
        Map<String, Deque<Entry>> next = new HashMap<>();
        for (Entry entry : built) {
            next.computeIfAbsent(entry.key(), k -> new ArrayDeque<>()).add(entry);
        }
        return new RouteCache(next);
    }

    private static Map<Path, String> stamp(Set<Path> files) {
        Map<Path, String> stamps = new HashMap<>();
        for (Path file : files) {
            try {
                stamps.put(file, Files.getLastModifiedTime(file).toMillis() + ":" + Files.size(file));
            } catch (IOException e) {
                stamps.put(file, "missing");
            }
        }
        return stamps;
    }
}
