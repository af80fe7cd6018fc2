package dev.jetway.core.routing;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.jetway.api.GatewayAttributes;
import dev.jetway.api.http.PlainText;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The backends of one route: each request goes to one of them, chosen at random in proportion to its weight
 * (weight 0 takes no traffic). With none, the route answers 503.
 */
public final class WeightedBackends extends Handler.AbstractContainer {

    /**
     * One backend's handler chain and its share of traffic.
     *
     * @param name how logs and metrics name it: a named backend's name, else its type and position
     */
    public record Weighted(String name, Handler handler, int weight) {
    }

    private final String routeName;
    private final List<Weighted> backends;
    private final int totalWeight;

    public WeightedBackends(String routeName, List<Weighted> backends) {
        super(false);
        this.routeName = routeName;
        this.backends = List.copyOf(backends);
        this.totalWeight = backends.stream().mapToInt(Weighted::weight).sum();
        for (Weighted backend : backends) {
            addBean(backend.handler(), true);
        }
    }

    @Override
    public List<Handler> getHandlers() {
        return backends.stream().map(Weighted::handler).toList();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Weighted chosen = choose();
        if (chosen == null) {
            PlainText.send(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                    "no backend available for route \"" + routeName + "\"\n");
            return true;
        }
        request.setAttribute(GatewayAttributes.BACKEND, chosen.name());
        return chosen.handler().handle(request, response, callback);
    }

    private Weighted choose() {
        if (backends.size() == 1 && totalWeight > 0) {
            return backends.get(0);
        }
        if (totalWeight <= 0) {
            return null;
        }
        int pick = ThreadLocalRandom.current().nextInt(totalWeight);
        for (Weighted backend : backends) {
            pick -= backend.weight();
            if (pick < 0) {
                return backend;
            }
        }
        return null;
    }
}
