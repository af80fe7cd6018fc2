package dev.jetway.plugin.resilience;

import java.time.Duration;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/** Timers of one request on the server's scheduler; what they run goes to the server's threads, not the timer's. */
final class Timers {

    private final Scheduler scheduler;
    private final Request request;

    Timers(Request request) {
        this.scheduler = request.getComponents().getScheduler();
        this.request = request;
    }

    Scheduler.Task schedule(Runnable task, Duration delay) {
        return scheduler.schedule(() -> request.getContext().execute(task), delay);
    }

    static void cancel(Scheduler.Task task) {
        if (task != null) {
            task.cancel();
        }
    }
}
