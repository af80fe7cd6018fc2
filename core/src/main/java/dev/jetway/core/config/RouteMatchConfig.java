package dev.jetway.core.config;

import java.util.List;

/** One way a request can match a route ({@code matches[]}): every given condition must hold. */
public record RouteMatchConfig(List<NamedValueMatch> headers, PathMatch path, String method, List<NamedValueMatch> query) {

    public static final RouteMatchConfig ANY = new RouteMatchConfig(null, null, null, null);

    public RouteMatchConfig {
        headers = headers == null ? List.of() : List.copyOf(headers);
        query = query == null ? List.of() : List.copyOf(query);
        path = path == null ? PathMatch.ANY : path;
    }

    /** Exactly one of the three. */
    public record PathMatch(String exact, String pathPrefix, String regex) {
        public static final PathMatch ANY = new PathMatch(null, "/", null);
    }

    /** A header or query parameter by name, with an exact or regex value. */
    public record NamedValueMatch(String name, ValueMatch value) {
    }

    /** Exactly one of the two. */
    public record ValueMatch(String exact, String regex) {
    }
}
