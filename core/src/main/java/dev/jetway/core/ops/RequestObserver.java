package dev.jetway.core.ops;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.jetway.core.config.GlobalSettings.LogFormat;
import dev.jetway.core.config.GlobalSettings.LoggingSettings;
import dev.jetway.core.telemetry.FieldRules;
import dev.jetway.core.telemetry.ServerSpan;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.RequestLogWriter;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * The server's request log: every completed request is counted in the metrics, written to the access log (stdout by
 * default, or a file rotated daily) unless it is off or the config's filter says no, and its span, if traced, ends.
 * Reconfigured when the logging settings change.
 */
public final class RequestObserver implements RequestLog {

    private static final PrintStream STDOUT = System.out;

    /** Where lines go: what, when changed, needs a new writer. */
    private record Sink(String target, LogFormat format, Integer retainDays) {
    }

    private final GatewayMetrics metrics;
    private volatile AccessLog accessLog;
    private Sink applied;

    public RequestObserver(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void log(Request request, Response response) {
        metrics.request(request, response);
        AccessLog log = accessLog;
        if (log != null) {
            log.log(request, response);
        }
        ServerSpan span = ServerSpan.of(request);
        if (span != null) {
            span.end(request, response);
        }
    }

    /**
     * Applies {@code config.logging} and the access log's field rules; {@code workingDir} anchors a relative access
     * log file, which stays open when only the rules change.
     */
    public synchronized void configure(LoggingSettings settings, FieldRules rules, Path workingDir) throws Exception {
        String target = settings.accessLog() == null ? "stdout" : settings.accessLog().trim();
        LogFormat format = settings.format() == null ? LogFormat.TEXT : settings.format();
        Sink sink = new Sink(target, format, settings.retainDays());
        AccessLog previous = accessLog;
        if (sink.equals(applied)) {
            accessLog = previous == null ? null : new AccessLog(format, previous.writer(), rules);
            return;
        }
        if (target.equalsIgnoreCase("off")) {
            accessLog = null;
        } else if (target.equalsIgnoreCase("stdout")) {
            accessLog = new AccessLog(format, STDOUT::println, rules);
        } else {
            Path path = workingDir.resolve(target);
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            RequestLogWriter file = new RequestLogWriter(daily(path.toString()));
            file.setRetainDays(settings.retainDays() == null ? 7 : settings.retainDays());
            file.setAppend(true);
            file.start();
            accessLog = new AccessLog(format, file, rules);
        }
        applied = sink;
        if (previous != null && previous.writer() instanceof LifeCycle lifeCycle) {
            lifeCycle.stop();
        }
    }

    /**
     * Why the access log could not be written where {@code accessLog} says, or empty: checked when the config is
     * validated, so that a log file in a folder the gateway cannot write is a config error, not a failed start.
     */
    public static Optional<String> unwritable(String accessLog, Path workingDir) {
        String target = accessLog == null ? "stdout" : accessLog.trim();
        if (target.equalsIgnoreCase("off") || target.equalsIgnoreCase("stdout")) {
            return Optional.empty();
        }
        Path folder = workingDir.resolve(target).toAbsolutePath().getParent();
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            return Optional.of("cannot write the access log to " + target + ": " + (existing == null ? folder : existing)
                    + " is not a folder");
        }
        if (!Files.isWritable(existing)) {
            return Optional.of("cannot write the access log to " + target + ": the gateway may not write in " + existing);
        }
        return Optional.empty();
    }

    /** Jetty rotates a file whose name holds {@code yyyy_mm_dd}; add it before the extension when absent. */
    static String daily(String file) {
        if (file.contains("yyyy_mm_dd")) {
            return file;
        }
        int dot = file.lastIndexOf('.');
        int slash = file.lastIndexOf('/');
        return dot > slash ? file.substring(0, dot) + ".yyyy_mm_dd" + file.substring(dot) : file + ".yyyy_mm_dd";
    }
}
