package dev.jetway.core.ops;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.jetway.core.config.GlobalSettings.LogFormat;
import dev.jetway.core.config.GlobalSettings.LoggingSettings;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.RequestLogWriter;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * The server's request log: every completed request is counted in the metrics and, unless turned off, written to
 * the access log (stdout by default, or a file rotated daily). Reconfigured when the logging settings change.
 */
public final class RequestObserver implements RequestLog {

    private static final PrintStream STDOUT = System.out;

    private final GatewayMetrics metrics;
    private volatile AccessLog accessLog;
    private LoggingSettings applied;

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
    }

    /** Applies {@code config.logging}; {@code workingDir} anchors a relative access log file. */
    public synchronized void configure(LoggingSettings settings, Path workingDir) throws Exception {
        if (settings.equals(applied)) {
            return;
        }
        AccessLog previous = accessLog;
        String target = settings.accessLog() == null ? "stdout" : settings.accessLog().trim();
        LogFormat format = settings.format() == null ? LogFormat.TEXT : settings.format();
        if (target.equalsIgnoreCase("off")) {
            accessLog = null;
        } else if (target.equalsIgnoreCase("stdout")) {
            accessLog = new AccessLog(format, STDOUT::println);
        } else {
            Path path = workingDir.resolve(target);
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            RequestLogWriter file = new RequestLogWriter(daily(path.toString()));
            file.setRetainDays(settings.retainDays() == null ? 7 : settings.retainDays());
            file.setAppend(true);
            file.start();
            accessLog = new AccessLog(format, file);
        }
        applied = settings;
        if (previous != null && previous.writer() instanceof LifeCycle lifeCycle) {
            lifeCycle.stop();
        }
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
