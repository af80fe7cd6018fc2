package dev.jetway.plugin.mcp.stdio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import dev.jetway.plugin.mcp.jsonrpc.LogText;
import dev.jetway.plugin.mcp.spi.TargetSession;
import dev.jetway.plugin.mcp.spi.TargetSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MCP server child process: JSON-RPC lines to its stdin and from its stdout, its stderr logged (never parsed).
 * Each stream has its own platform thread (stdin's writes small messages itself when it can: {@link StdinWriter}).
 */
final class ChildProcess implements TargetSession {

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    private static final int STDERR_KEPT = 3;
    /** Child processes alive in this gateway, for the {@code jetway_mcp_stdio_children} gauge. */
    static final AtomicInteger ALIVE = new AtomicInteger();

    private final String target;
    private final Process process;
    private final TargetSessionListener listener;
    private final ScheduledExecutorService scheduler;
    private final StdinWriter stdin;
    private final Deque<String> lastErrors = new ArrayDeque<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** Why the child's stdout ended, once it has; messages sent after that get this reason back. */
    private volatile String exitReason;
    private Thread stderrReader;

    private ChildProcess(String target, Process process, TargetSessionListener listener, ScheduledExecutorService scheduler) {
        this.target = target;
        this.process = process;
        this.listener = listener;
        this.scheduler = scheduler;
        this.stdin = new StdinWriter("MCP target \"" + target + "\" (pid " + process.pid() + ")", process.getOutputStream());
    }

    /** @throws IllegalStateException with the reason, when the command cannot be started */
    static ChildProcess start(String target, List<String> command, Map<String, String> env, TargetSessionListener listener,
                              ScheduledExecutorService scheduler) {
        ProcessBuilder builder = new ProcessBuilder(command);
        ChildEnvironment.apply(builder.environment(), command, env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        LOG.debug("MCP target \"{}\": started pid {}: {}", target, process.pid(), command);
        ALIVE.incrementAndGet();
        process.onExit().thenRun(ALIVE::decrementAndGet);
        ChildProcess child = new ChildProcess(target, process, listener, scheduler);
        String name = "mcp-" + target + "-" + process.pid();
        child.stderrReader = thread(name + "-stderr", child::readStderr);
        thread(name + "-stdout", child::readStdout);
        thread(name + "-stdin", child.stdin::drain);
        return child;
    }

    private static Thread thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void send(ObjectNode message) {
        if (closing.get()) {
            listener.onUndelivered(message.get("id"), "is not running");
            return;
        }
        String exited = exitReason;
        if (exited != null) {
            listener.onUndelivered(message.get("id"), exited);
            return;
        }
        // A child that has died but whose stdout is not drained yet still takes the message: the stdout reader
        // then fails everything pending with the exit code and last stderr lines, which say more than "not running".
        stdin.send(JsonRpc.bytes(message));
    }

    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            ProcessTree.stop(process, stdin::end, scheduler)
                    .whenComplete((ok, failure) -> closed.complete(null));
        }
    }

    @Override
    public CompletableFuture<Void> closed() {
        return closed;
    }

    private void readStdout() {
        try (InputStream out = process.getInputStream()) {
            LineReader lines = new LineReader(out);
            while (lines.next(this::deliver)) {
                // each line is delivered as read
            }
        } catch (IOException e) {
            LOG.debug("MCP target \"{}\" (pid {}): stdout failed: {}", target, process.pid(), e.getMessage());
        }
        exitReason = describeExit();
        listener.onClosed(exitReason);
    }

    private void deliver(byte[] bytes, int offset, int length) {
        if (blank(bytes, offset, length)) {
            return;
        }
        JsonNode message;
        try {
            message = JsonRpc.parse(bytes, offset, length);
        } catch (IOException e) {
            LOG.warn("MCP target \"{}\" (pid {}) wrote a line that is not JSON on stdout (MCP servers must log to stderr): {}",
                    target, process.pid(), text(bytes, offset, length));
            return;
        }
        if (message instanceof ObjectNode object) {
            handOver(object);
        } else if (message.isArray()) {
            // A JSON-RPC batch (protocol 2025-03-26): its messages one by one.
            message.forEach(element -> {
                if (element instanceof ObjectNode object) {
                    handOver(object);
                }
            });
        } else {
            LOG.warn("MCP target \"{}\" (pid {}) wrote a JSON value that is not a message: {}", target, process.pid(),
                    text(bytes, offset, length));
        }
    }

    /**
     * One message to the session. A failure there (a client connection that ended under it, say) concerns that
     * message only: it must not end this reader, which every later answer of the child needs.
     */
    private void handOver(ObjectNode message) {
        try {
            listener.onMessage(message, null);
        } catch (RuntimeException e) {
            LOG.warn("MCP target \"{}\" (pid {}): a message from the child could not be delivered: {}", target, process.pid(),
                    message.path("method").asText(message.path("id").toString()), e);
        }
    }

    private static boolean blank(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    /** A line for a log message: its first 200 characters. */
    private static String text(byte[] bytes, int offset, int length) {
        // 800 bytes hold 200 characters of any UTF-8
        return LogText.abbreviated(new String(bytes, offset, Math.min(length, 800), StandardCharsets.UTF_8));
    }

    private void readStderr() {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                LOG.debug("MCP target \"{}\" (pid {}) stderr: {}", target, process.pid(), line);
                synchronized (lastErrors) {
                    if (lastErrors.size() == STDERR_KEPT) {
                        lastErrors.removeFirst();
                    }
                    lastErrors.addLast(line);
                }
            }
        } catch (IOException e) {
            LOG.debug("MCP target \"{}\" (pid {}): stderr failed: {}", target, process.pid(), e.getMessage());
        }
    }

    /** Why the child's stdout ended: its exit code and last words on stderr, for the client's error. */
    private String describeExit() {
        try {
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                return "closed its stdout (pid " + process.pid() + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "closed its stdout (pid " + process.pid() + ")";
        }
        String reason = "exited with code " + process.exitValue();
        try {
            // Its last words may still be in the stderr pipe.
            stderrReader.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lastErrors) {
            if (!lastErrors.isEmpty() && !closing.get()) {
                reason += " (stderr: " + String.join(" | ", lastErrors) + ")";
            }
        }
        return reason;
    }
}
