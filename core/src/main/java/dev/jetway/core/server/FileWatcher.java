package dev.jetway.core.server;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a set of files through their folders (inotify on Linux), so that an editor's save by rename is seen like
 * an in-place write, and calls back once a burst of changes has been quiet for a moment.
 */
final class FileWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileWatcher.class);
    static final long DEBOUNCE_MS = 150;

    private final WatchService service;
    private final ScheduledExecutorService scheduler;
    private final Runnable onChange;
    private final Map<WatchKey, Path> folders = new HashMap<>();
    private volatile Set<Path> files = Set.of();
    private ScheduledFuture<?> pending;
    private final Thread thread;

    FileWatcher(ScheduledExecutorService scheduler, Runnable onChange) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.scheduler = scheduler;
        this.onChange = onChange;
        this.thread = new Thread(this::run, "jetway-file-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Watches exactly {@code watched} from now on (absolute, normalised paths). */
    synchronized void watch(Set<Path> watched) {
        files = Set.copyOf(watched);
        for (Path file : watched) {
            Path folder = file.getParent();
            if (folder != null && !folders.containsValue(folder)) {
                try {
                    folders.put(folder.register(service, ENTRY_CREATE, ENTRY_MODIFY), folder);
                } catch (IOException e) {
                    LOG.warn("Cannot watch {} for changes: {}", folder, e.getMessage());
                }
            }
        }
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = service.take();
                Path folder;
                synchronized (this) {
                    folder = folders.get(key);
                }
                boolean relevant = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == OVERFLOW) {
                        relevant = true;
                    } else if (folder != null && files.contains(folder.resolve((Path) event.context()).normalize())) {
                        relevant = true;
                    }
                }
                key.reset();
                if (relevant) {
                    debounce();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    private synchronized void debounce() {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = scheduler.schedule(onChange, DEBOUNCE_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        service.close();
        thread.interrupt();
    }
}
