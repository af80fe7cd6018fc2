package dev.jetway.core.routing;

import java.util.ArrayList;
import java.util.List;

import dev.jetway.api.GatewayAttributes;
import dev.jetway.api.http.PlainText;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Chooses the route of a listener for each request, as agentgateway does: the most specific hostname class first
 * (exact, longest wildcard, none), then Gateway API path precedence, then config order. Unmatched requests get 404.
 */
public final class Router extends Handler.AbstractContainer {

    /** The path condition of the route match that selected the request ({@code String}), such as {@code /api}. */
    public static final String MATCHED_PATH = "dev.jetway.core.route.path";

    private record Candidate(Route route, RouteMatcher matcher) {
    }

    private final List<Route> routes;
    private final List<Candidate> candidates;
    private final boolean anyHostnames;

    public Router(List<Route> routes) {
        super(false);
        this.routes = List.copyOf(routes);
        List<Candidate> all = new ArrayList<>();
        for (Route route : routes) {
            for (RouteMatcher matcher : route.matchers()) {
                all.add(new Candidate(route, matcher));
            }
        }
        all.sort((a, b) -> RouteMatcher.PRECEDENCE.compare(a.matcher(), b.matcher()));
        this.candidates = List.copyOf(all);
        this.anyHostnames = routes.stream().anyMatch(r -> !r.hostnames().isEmpty());
        for (Route route : routes) {
            addBean(route.handler(), true);
        }
    }

    @Override
    public List<Handler> getHandlers() {
        return routes.stream().map(Route::handler).toList();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Candidate match = select(request);
        if (match == null) {
            PlainText.send(response, callback, HttpStatus.NOT_FOUND_404, "route not found\n");
            return true;
        }
        Route route = match.route();
        request.setAttribute(GatewayAttributes.ROUTE, route.name());
        if (match.matcher().path() instanceof PathMatcher.Prefix prefix) {
            request.setAttribute(GatewayAttributes.MATCHED_PATH_PREFIX, prefix.value());
        }
        request.setAttribute(MATCHED_PATH, match.matcher().path().written());
        if (!route.handler().handle(request, response, callback)) {
            PlainText.send(response, callback, HttpStatus.NOT_FOUND_404, "route not found\n");
        }
        return true;
    }

    /** The route match for {@code request}, or {@code null}. */
    private Candidate select(Request request) {
        String path = Request.getPathInContext(request);
        if (!anyHostnames) {
            for (Candidate c : candidates) {
                if (c.matcher().matches(request, path)) {
                    return c;
                }
            }
            return null;
        }
        String host = Request.getServerName(request);
        Candidate best = null;
        int bestScore = -1;
        for (Candidate c : candidates) {
            int score = c.route().hostScore(host);
            if (score > bestScore && c.matcher().matches(request, path)) {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }
}
