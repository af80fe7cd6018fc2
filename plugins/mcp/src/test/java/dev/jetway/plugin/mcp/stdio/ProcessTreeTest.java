package dev.jetway.plugin.mcp.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real process trees: a polite child goes when its stdin closes; a stubborn tree is terminated, then killed. */
class ProcessTreeTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aChildThatExitsOnEndOfInputGoesAtOnce() throws Exception {
        Process cat = new ProcessBuilder("cat").start();
        long start = System.nanoTime();
        ProcessTree.stop(cat, () -> closeQuietly(cat), scheduler).get(5, TimeUnit.SECONDS);
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < ProcessTree.INPUT_GRACE_MS, "no signal was needed");
        assertTrue(cat.waitFor(1, TimeUnit.SECONDS));
        assertEquals(0, cat.exitValue());
    }

    @Test
    void aTreeThatIgnoresEndOfInputAndSigtermIsKilledWithItsGrandchildren() throws Exception {
        // Ignored signals stay ignored across fork and exec: the shell and its sleeping child both shrug off SIGTERM.
        Process stubborn = new ProcessBuilder("sh", "-c", "trap '' TERM; sleep 300 & sleep 300 & wait").start();
        List<ProcessHandle> tree = awaitDescendants(stubborn, 2);
        ProcessTree.stop(stubborn, () -> closeQuietly(stubborn), scheduler)
                .get(ProcessTree.INPUT_GRACE_MS + ProcessTree.TERMINATE_GRACE_MS + ProcessTree.KILL_GRACE_MS + 2000, TimeUnit.MILLISECONDS);
        assertTrue(stubborn.waitFor(1, TimeUnit.SECONDS));
        // Reaped by their parent before it was killed: gone, not zombies.
        assertEquals(List.of(), tree.stream().filter(ProcessHandle::isAlive).toList());
    }

    private static List<ProcessHandle> awaitDescendants(Process process, int count) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<ProcessHandle> descendants = process.descendants().toList();
            if (descendants.size() >= count) {
                return descendants;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the shell did not start its children");
    }

    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
