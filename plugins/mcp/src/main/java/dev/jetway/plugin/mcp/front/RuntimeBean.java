package dev.jetway.plugin.mcp.front;

import org.eclipse.jetty.util.component.AbstractLifeCycle;

/** Starts and stops a backend's Jetty-free runtime as a managed bean of its handler. */
public final class RuntimeBean extends AbstractLifeCycle {

    /** What runs while the backend runs. */
    public interface Managed {
        void start();

        void stop();
    }

    private final Managed runtime;

    public RuntimeBean(Managed runtime) {
        this.runtime = runtime;
    }

    @Override
    protected void doStart() {
        runtime.start();
    }

    @Override
    protected void doStop() {
        runtime.stop();
    }
}
