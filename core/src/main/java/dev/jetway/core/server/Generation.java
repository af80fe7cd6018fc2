package dev.jetway.core.server;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import dev.jetway.core.listener.GatewayListener;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.ContainerLifeCycle;

/**
 * The handlers of one applied config (binds, listeners, routes, TLS factories), started together and stopped together
 * once the requests they were serving have finished. Route chains the next config took over are released first, so
 * that stopping this generation leaves them running.
 */
final class Generation extends ContainerLifeCycle {

    private final List<BindPlan> binds;
    private final LongAdder inFlight = new LongAdder();

    Generation(List<BindPlan> binds) {
        this.binds = List.copyOf(binds);
        for (BindPlan bind : binds) {
            addBean(bind.handler(), true);
            for (Object tls : bind.handler().state().lifeCycles()) {
                addBean(tls, true);
            }
        }
    }

    List<BindPlan> binds() {
        return binds;
    }

    void attach(Server server) {
        for (BindPlan bind : binds) {
            bind.handler().setServer(server);
        }
    }

    void enter() {
        inFlight.increment();
    }

    void exit() {
        inFlight.decrement();
    }

    long inFlight() {
        return inFlight.sum();
    }

    /** Hands the given route chains over to the next generation: stopping this one will not stop them. */
    void release(Set<Handler> keptByNext) {
        for (BindPlan bind : binds) {
            for (GatewayListener listener : bind.handler().state().listeners()) {
                for (Handler chain : keptByNext) {
                    if (listener.router().isManaged(chain)) {
                        listener.router().unmanage(chain);
                    }
                }
            }
        }
    }
}
