package dev.jetway.plugin.urlrewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.PolicyFactory;
import dev.jetway.api.PolicyScope;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.pf4j.Extension;

/**
 * {@code requestRedirect: {scheme: https, authority: {port: 8443}, path: {prefix: /v2}, status: 301}}: the gateway
 * answers with a redirect to the request's URL changed as configured (302 by default); backends are not called.
 */
@Extension
public final class RequestRedirectFactory implements PolicyFactory<RequestRedirectConfig> {

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

    @Override
    public String type() {
        return "requestRedirect";
    }

    @Override
    public Class<RequestRedirectConfig> configType() {
        return RequestRedirectConfig.class;
    }

    @Override
    public int order() {
        return ORDER_REDIRECT;
    }

    @Override
    public Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.ROUTE, PolicyScope.BACKEND);
    }

    @Override
    public Handler.Wrapper create(RequestRedirectConfig config, FactoryContext context) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        if (config.scheme() != null && !SCHEME.matcher(config.scheme()).matches()) {
            problems.add(new ConfigProblem("scheme", "invalid scheme \"" + config.scheme() + "\"; such as https"));
        }
        if (config.status() != null && !HttpStatus.isRedirection(config.status())) {
            problems.add(new ConfigProblem("status", "status " + config.status() + " is not a redirect; use 301, 302, 303, 307 or 308"));
        }
        // As agentgateway: {host: h} keeps the request's port only when the redirect keeps its scheme.
        HostRewrite authority = collect(problems, () -> HostRewrite.parse(config.authority(), "authority", config.scheme() == null));
        PathRewrite path = collect(problems, () -> PathRewrite.parse(config.path(), "path"));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        String scheme = config.scheme() == null ? null : config.scheme().toLowerCase(Locale.ROOT);
        return new RequestRedirectHandler(scheme, authority, path, config.status() == null ? HttpStatus.FOUND_302 : config.status());
    }

    private interface Parse<T> {
        T parse() throws ConfigException;
    }

    private static <T> T collect(List<ConfigProblem> problems, Parse<T> parse) {
        try {
            return parse.parse();
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return null;
        }
    }
}
