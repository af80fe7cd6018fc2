package dev.jetway.plugin.mcp.stdio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a child and every process it started, bounded in time: close its stdin (a well-behaved MCP server exits),
 * then SIGTERM, then SIGKILL. Wrappers such as {@code npx} run the server as a grandchild, which outlives its parent
 * unless it is stopped too; the tree is recorded before anything exits, as orphans leave it. Signals go to the
 * deepest processes first, so that their parents, still alive, reap them: an orphan killed with its parent becomes a
 * zombie wherever init does not reap.
 */
final class ProcessTree {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessTree.class);
    static final long INPUT_GRACE_MS = 1000;
    static final long TERMINATE_GRACE_MS = 2000;
    static final long KILL_GRACE_MS = 1000;
    /** How long a parent may take to reap the level below before it is signalled itself. */
    private static final long REAP_WAIT_MS = 500;
    private static final long REAP_POLL_MS = 20;

    private final Process process;
    private final Set<ProcessHandle> tree = new LinkedHashSet<>();
    private final ScheduledExecutorService scheduler;
    private final CompletableFuture<Void> gone = new CompletableFuture<>();

    private ProcessTree(Process process, ScheduledExecutorService scheduler) {
        this.process = process;
        this.scheduler = scheduler;
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
    }

    /**
     * @param closeInput closes the child's stdin
     * @return completes when the whole tree is gone, or after the last step if something survived even SIGKILL
     */
    static CompletableFuture<Void> stop(Process process, Runnable closeInput, ScheduledExecutorService scheduler) {
        ProcessTree stopping = new ProcessTree(process, scheduler);
        closeInput.run();
        // Usually the child exits as soon as its stdin closes: finish then, not at the next step.
        process.onExit().thenRun(stopping::finishIfGone);
        stopping.after(INPUT_GRACE_MS, () -> stopping.signal(false,
                () -> stopping.after(TERMINATE_GRACE_MS, () -> stopping.signal(true,
                        () -> stopping.after(KILL_GRACE_MS, stopping::giveUp)))));
        stopping.finishIfGone();
        return stopping.gone;
    }

    private void after(long millis, Runnable step) {
        scheduler.schedule(() -> {
            if (!finishIfGone()) {
                step.run();
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    private boolean finishIfGone() {
        synchronized (tree) {
            if (tree.stream().anyMatch(ProcessTree::running)) {
                return false;
            }
        }
        gone.complete(null);
        return true;
    }

    /** Signals the living tree level by level, deepest first, then runs {@code next}. */
    private void signal(boolean kill, Runnable next) {
        List<List<ProcessHandle>> levels;
        synchronized (tree) {
            for (ProcessHandle handle : List.copyOf(tree)) {
                if (handle.isAlive()) {
                    handle.descendants().forEach(tree::add);
                }
            }
            levels = levels();
        }
        signalLevel(levels, levels.size() - 1, kill, next);
    }

    private void signalLevel(List<List<ProcessHandle>> levels, int level, boolean kill, Runnable next) {
        if (level < 0) {
            next.run();
            return;
        }
        List<ProcessHandle> signalled = new ArrayList<>();
        for (ProcessHandle handle : levels.get(level)) {
            if (running(handle)) {
                LOG.debug("Sending {} to pid {} (child {})", kill ? "SIGKILL" : "SIGTERM", handle.pid(), process.pid());
                if (kill) {
                    handle.destroyForcibly();
                } else {
                    handle.destroy();
                }
                signalled.add(handle);
            }
        }
        awaitReaped(signalled, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REAP_WAIT_MS),
                () -> signalLevel(levels, level - 1, kill, next));
    }

    /** Goes on once {@code handles} are reaped (gone, not zombies), or at the deadline. */
    private void awaitReaped(List<ProcessHandle> handles, long deadline, Runnable then) {
        if (handles.stream().noneMatch(ProcessHandle::isAlive) || System.nanoTime() > deadline) {
            then.run();
            return;
        }
        scheduler.schedule(() -> awaitReaped(handles, deadline, then), REAP_POLL_MS, TimeUnit.MILLISECONDS);
    }

    /** The tree by depth below the child: index 0 is the child itself. */
    private List<List<ProcessHandle>> levels() {
        List<List<ProcessHandle>> levels = new ArrayList<>();
        tree.stream().sorted(Comparator.comparingInt(this::depth)).forEach(handle -> {
            int depth = depth(handle);
            while (levels.size() <= depth) {
                levels.add(new ArrayList<>());
            }
            levels.get(depth).add(handle);
        });
        return levels;
    }

    private int depth(ProcessHandle handle) {
        int depth = 0;
        for (ProcessHandle parent = handle.parent().orElse(null); parent != null && tree.contains(parent);
             parent = parent.parent().orElse(null)) {
            depth++;
        }
        return depth;
    }

    private void giveUp() {
        List<Long> survivors;
        synchronized (tree) {
            survivors = tree.stream().filter(ProcessTree::running).map(ProcessHandle::pid).toList();
        }
        LOG.error("Processes {} of MCP child {} survived SIGKILL", survivors, process.pid());
        gone.complete(null);
    }

    /** Alive and not a zombie: a zombie has exited and only waits to be reaped, which its parent may never do. */
    static boolean running(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            // No /proc (not Linux), or the process has just gone: isAlive() said enough.
            return handle.isAlive();
        }
    }
}
