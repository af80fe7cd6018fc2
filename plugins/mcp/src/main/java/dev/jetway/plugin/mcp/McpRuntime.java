package dev.jetway.plugin.mcp;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.jetway.plugin.mcp.front.RuntimeBean;
import dev.jetway.plugin.mcp.session.Deadlines;
import dev.jetway.plugin.mcp.session.SessionRegistry;
import dev.jetway.plugin.mcp.stdio.StdioMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an {@code mcp} backend runs while the gateway runs: its timer thread (request timeouts, keep-alives, idle
 * expiry, the steps of stopping a child) and its sessions. Stopping ends every session and waits, bounded, until
 * every child process is gone.
 */
final class McpRuntime implements RuntimeBean.Managed {

    private static final Logger LOG = LoggerFactory.getLogger(McpRuntime.class);
    /** Longer than the slowest child stop (stdin, SIGTERM, SIGKILL grace periods). */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** How often deadlines (request timeouts, slow answers turning into streams) are checked. */
    private static final long TICK_MS = 100;

    /** The sessions of every running {@code mcp} backend, for the {@code jetway_mcp_sessions} gauge. */
    private static final Set<SessionRegistry> RUNNING = ConcurrentHashMap.newKeySet();

    private final ScheduledThreadPoolExecutor scheduler;
    private final SessionRegistry sessions;
    private final Deadlines deadlines;
    private final Duration sweepInterval;
    private final String description;
    private ScheduledFuture<?> sweeper;
    private ScheduledFuture<?> ticker;
    private Thread lastResort;

    /** @param description the backend and its targets, for the log line at start */
    McpRuntime(ScheduledThreadPoolExecutor scheduler, SessionRegistry sessions, Deadlines deadlines, Duration idleTimeout,
               String description) {
        this.description = description;
        this.scheduler = scheduler;
        this.sessions = sessions;
        this.deadlines = deadlines;
        long half = Math.max(1, idleTimeout.toMillis() / 2);
        this.sweepInterval = Duration.ofMillis(Math.min(half, TimeUnit.SECONDS.toMillis(30)));
    }

    /**
     * One timer thread per backend: the tasks are short and never block. It is created on first use and ends when
     * idle, so a backend that is built but never started costs no thread.
     */
    static ScheduledThreadPoolExecutor newScheduler(String location) {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "mcp-timers " + location);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setKeepAliveTime(10, TimeUnit.SECONDS);
        scheduler.allowCoreThreadTimeOut(true);
        return scheduler;
    }

    /** The gateway-wide MCP gauges, open sessions and stdio children, once per registry (every backend asks). */
    static void registerGauges(MeterRegistry registry) {
        if (registry.find("jetway.mcp.sessions").meter() != null) {
            return; // Micrometer warns of a second registration, though it keeps the first
        }
        Gauge.builder("jetway.mcp.sessions", RUNNING, running -> running.stream().mapToInt(SessionRegistry::size).sum())
                .description("MCP sessions open").register(registry);
        StdioMetrics.register(registry);
    }

    @Override
    public void start() {
        LOG.info("{}", description);
        RUNNING.add(sessions);
        long every = sweepInterval.toMillis();
        sweeper = scheduler.scheduleWithFixedDelay(sessions::expire, every, every, TimeUnit.MILLISECONDS);
        ticker = scheduler.scheduleWithFixedDelay(deadlines::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        // Should the JVM exit without stopping the server, children would outlive it (a server with timers running
        // does not exit when its stdin closes): end them on the way out.
        lastResort = new Thread(this::endSessions, "mcp-children-at-exit");
        Runtime.getRuntime().addShutdownHook(lastResort);
    }

    @Override
    public void stop() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        if (lastResort != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(lastResort);
            } catch (IllegalStateException e) {
                // The JVM is already exiting: the hook is running or about to.
            }
        }
        endSessions();
        RUNNING.remove(sessions);
        if (ticker != null) {
            ticker.cancel(false);
        }
        // What is left (reconnect timers of ended upstreams) has nothing to do any more.
        scheduler.getQueue().clear();
    }

    /** Ends every session and waits, bounded, for their upstreams and child processes to be gone. */
    private void endSessions() {
        try {
            sessions.closeAll().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.error("MCP sessions did not all end within {}: {} left", STOP_TIMEOUT, sessions.size());
        } catch (ExecutionException e) {
            LOG.error("Ending MCP sessions failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
