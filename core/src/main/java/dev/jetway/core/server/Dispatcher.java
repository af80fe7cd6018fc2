package dev.jetway.core.server;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.jetway.api.http.PlainText;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The server's root handler: sends each request to the bind of the connector that accepted it, in the generation
 * in force when it arrived, and counts it there until it completes, so that a replaced generation is stopped only
 * once its requests are done.
 */
final class Dispatcher extends Handler.Abstract {

    /** Where a connector's requests go. */
    private record Target(Handler bind, Generation generation) {
    }

    private volatile Map<Connector, Target> targets = Map.of();

    /** Points the connectors of {@code binds} at {@code generation}, and forgets {@code removed}. */
    synchronized void route(Map<Connector, BindPlan> binds, Generation generation, List<Connector> removed) {
        Map<Connector, Target> next = new IdentityHashMap<>(targets);
        removed.forEach(next::remove);
        binds.forEach((connector, bind) -> next.put(connector, new Target(bind.handler(), generation)));
        targets = next;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Target target = targets.get(request.getConnectionMetaData().getConnector());
        if (target == null) {
            PlainText.send(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "this port is closing\n");
            return true;
        }
        Generation generation = target.generation();
        generation.enter();
        Callback counted = Callback.from(callback, generation::exit);
        try {
            if (!target.bind().handle(request, response, counted)) {
                PlainText.send(response, counted, HttpStatus.NOT_FOUND_404, "route not found\n");
            }
            return true;
        } catch (Throwable failure) {
            generation.exit();
            throw failure;
        }
    }
}
