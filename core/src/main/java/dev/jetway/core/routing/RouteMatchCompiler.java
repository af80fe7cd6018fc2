package dev.jetway.core.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.jetway.core.config.ConfigPath;
import dev.jetway.core.config.Problems;
import dev.jetway.core.config.RouteMatchConfig;
import dev.jetway.core.config.RouteMatchConfig.NamedValueMatch;
import dev.jetway.core.config.RouteMatchConfig.PathMatch;

/** Validates a route's {@code matches[]} entries and compiles them into matchers. */
final class RouteMatchCompiler {

    private final Problems problems;

    RouteMatchCompiler(Problems problems) {
        this.problems = problems;
    }

    /** @return {@code null} when the entry has problems (recorded) */
    RouteMatcher compile(RouteMatchConfig match, ConfigPath path) {
        int before = problems.size();
        PathMatcher pathMatcher = path(match.path(), path.key("path"));
        String method = match.method();
        if (method != null && !method.matches("[A-Z][A-Z0-9_-]*")) {
            problems.add(path.key("method"), "invalid method \"" + method + "\"; methods are upper case, such as GET or POST");
        }
        List<ValueMatcher> headers = values(match.headers(), path.key("headers"));
        List<ValueMatcher> query = values(match.query(), path.key("query"));
        if (problems.size() > before) {
            return null;
        }
        return new RouteMatcher(pathMatcher, method, headers, query);
    }

    private PathMatcher path(PathMatch path, ConfigPath at) {
        int given = (path.exact() != null ? 1 : 0) + (path.pathPrefix() != null ? 1 : 0) + (path.regex() != null ? 1 : 0);
        if (given != 1) {
            problems.add(at, "a path match needs exactly one of: exact, pathPrefix, regex");
            return null;
        }
        if (path.exact() != null) {
            return absolute(path.exact(), at.key("exact")) ? new PathMatcher.Exact(path.exact()) : null;
        }
        if (path.pathPrefix() != null) {
            return absolute(path.pathPrefix(), at.key("pathPrefix")) ? new PathMatcher.Prefix(path.pathPrefix()) : null;
        }
        Pattern pattern = regex(path.regex(), at.key("regex"));
        return pattern == null ? null : new PathMatcher.Regex(pattern);
    }

    private boolean absolute(String path, ConfigPath at) {
        if (!path.startsWith("/")) {
            problems.add(at, "\"" + path + "\" must start with /");
            return false;
        }
        return true;
    }

    private List<ValueMatcher> values(List<NamedValueMatch> matches, ConfigPath at) {
        List<ValueMatcher> compiled = new ArrayList<>();
        for (int i = 0; i < matches.size(); i++) {
            NamedValueMatch m = matches.get(i);
            ConfigPath p = at.index(i);
            if (m == null || m.name() == null || m.name().isBlank()) {
                problems.add(p, "name is required");
                continue;
            }
            if (m.value() == null || (m.value().exact() == null) == (m.value().regex() == null)) {
                problems.add(p.key("value"), "value needs exactly one of: exact, regex");
                continue;
            }
            Pattern regex = m.value().regex() == null ? null : regex(m.value().regex(), p.key("value").key("regex"));
            if (m.value().regex() == null || regex != null) {
                compiled.add(new ValueMatcher(m.name(), m.value().exact(), regex));
            }
        }
        return compiled;
    }

    private Pattern regex(String regex, ConfigPath at) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            problems.add(at, "invalid regular expression: " + e.getDescription() + " near index " + e.getIndex());
            return null;
        }
    }
}
