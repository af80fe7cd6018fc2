package dev.jetway.core.routing;

import java.util.Comparator;
import java.util.List;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/** One compiled {@code matches[]} entry of a route: every condition must hold. */
public record RouteMatcher(PathMatcher path, String method, List<ValueMatcher> headers, List<ValueMatcher> query) {

    /**
     * Gateway API precedence within a hostname class: exact path, then the most specific path, then a method
     * condition, then more header conditions, then more query conditions; ties keep config order.
     */
    public static final Comparator<RouteMatcher> PRECEDENCE = Comparator
            .comparingInt((RouteMatcher m) -> m.path().specificity()).reversed()
            .thenComparing(m -> m.method() == null)
            .thenComparing(Comparator.comparingInt((RouteMatcher m) -> m.headers().size()).reversed())
            .thenComparing(Comparator.comparingInt((RouteMatcher m) -> m.query().size()).reversed());

    public RouteMatcher {
        headers = List.copyOf(headers);
        query = List.copyOf(query);
    }

    public boolean matches(Request request, String path) {
        if (!this.path.matches(path)) {
            return false;
        }
        if (method != null && !method.equals(request.getMethod())) {
            return false;
        }
        for (ValueMatcher header : headers) {
            if (!header.matches(headerValue(request, header.name()))) {
                return false;
            }
        }
        if (!query.isEmpty()) {
            Fields parameters = Request.extractQueryParameters(request);
            for (ValueMatcher parameter : query) {
                if (!parameter.matches(parameters.getValue(parameter.name()))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Header values, with the HTTP/2 pseudo-headers agentgateway lets routes match on. */
    private static String headerValue(Request request, String name) {
        return switch (name) {
            case ":authority" -> request.getHttpURI().getAuthority();
            case ":method" -> request.getMethod();
            case ":path" -> request.getHttpURI().getPathQuery();
            case ":scheme" -> request.getHttpURI().getScheme();
            default -> request.getHeaders().get(name.equalsIgnoreCase("host") ? HttpHeader.HOST.asString() : name);
        };
    }
}
