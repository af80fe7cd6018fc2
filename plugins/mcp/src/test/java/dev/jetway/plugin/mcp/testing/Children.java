package dev.jetway.plugin.mcp.testing;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The stdio MCP servers the gateway under test (in this JVM) has started: processes whose command line says stdio. */
public final class Children {

    private Children() {
    }

    /** Every live descendant of this JVM that runs server-everything in stdio mode (wrappers such as npx included). */
    public static Set<ProcessHandle> stdioServers() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("stdio"))
                .collect(Collectors.toSet());
    }

    /** Waits until none of {@code processes} is alive; true when that happened within {@code timeout}. */
    public static boolean awaitGone(Set<ProcessHandle> processes, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (processes.stream().noneMatch(ProcessHandle::isAlive)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    public static List<Long> pids(Set<ProcessHandle> processes) {
        return processes.stream().map(ProcessHandle::pid).sorted().toList();
    }
}
