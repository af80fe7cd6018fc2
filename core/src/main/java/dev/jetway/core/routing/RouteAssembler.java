package dev.jetway.core.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.jetway.core.config.ConfigPath;
import dev.jetway.core.config.Problems;
import dev.jetway.core.config.RouteConfig;
import org.eclipse.jetty.server.Handler;

/** Builds the router of a listener from its {@code routes}. */
public final class RouteAssembler {

    private final Problems problems;
    private final ChainAssembler chains;
    private final RouteMatchCompiler matches;

    public RouteAssembler(Problems problems, ChainAssembler chains) {
        this.problems = problems;
        this.chains = chains;
        this.matches = new RouteMatchCompiler(problems);
    }

    /**
     * @param listenerLocation {@code listener "default" on port 3000}, for the routes' log and error locations
     */
    public Router router(List<RouteConfig> configs, ConfigPath path, String listenerLocation) {
        List<Route> routes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < configs.size(); i++) {
            RouteConfig config = configs.get(i);
            ConfigPath at = path.index(i);
            String name = config.name() != null ? config.name() : "route" + i;
            if (!names.add(name)) {
                problems.add(at.key("name"), "route name \"" + name + "\" is used twice in this listener");
            }
            Route route = route(name, config, at, "route \"" + name + "\" of " + listenerLocation);
            if (route != null) {
                routes.add(route);
            }
        }
        return new Router(routes);
    }

    /**
     * The router behind the listener's {@code policies} (agentgateway's gateway phase, before routing); the router
     * itself when there are none.
     */
    public Handler listenerPolicies(com.fasterxml.jackson.databind.JsonNode policies, ConfigPath at, String listenerLocation,
                                    Router router) {
        return chains.listenerPolicies(policies, at, listenerLocation, router);
    }

    private Route route(String name, RouteConfig config, ConfigPath at, String location) {
        int before = problems.size();
        for (int i = 0; i < config.hostnames().size(); i++) {
            String hostname = config.hostnames().get(i);
            if (hostname == null || !HostnameMatcher.isValidPattern(hostname)) {
                problems.add(at.key("hostnames").index(i), "invalid hostname \"" + hostname
                        + "\"; write a name such as api.example.com or a wildcard such as *.example.com");
            }
        }
        List<RouteMatcher> matchers = new ArrayList<>();
        for (int i = 0; i < config.matches().size(); i++) {
            RouteMatcher matcher = matches.compile(config.matches().get(i), at.key("matches").index(i));
            if (matcher != null) {
                matchers.add(matcher);
            }
        }
        Handler chain = chains.route(name, config.backends(), config.policies(), at, location);
        return problems.size() > before ? null : new Route(name, config.hostnames(), matchers, chain);
    }
}
