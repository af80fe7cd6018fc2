package dev.jetway.plugin.extauthz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.expression.Expression;
import dev.jetway.plugin.extauthz.ExtAuthzConfig.HttpProtocol;
import dev.jetway.plugin.extauthz.spi.AuthzCheck;
import dev.jetway.plugin.extauthz.spi.CheckSettings;
import dev.jetway.plugin.extauthz.spi.ExtAuthzProtocolFactory;
import org.pf4j.Extension;

/**
 * {@code protocol: {http: {path, redirect, includeResponseHeaders, addRequestHeaders, metadata}}}: plain HTTP
 * checks, as oauth2-proxy's {@code /oauth2/auth} or tailscaled's local API answer them.
 */
@Extension
public final class HttpProtocolFactory implements ExtAuthzProtocolFactory<HttpProtocol> {

    /** HTTP/1.1 has no scheme on the wire, so a {@code :scheme} for the check request could only be dropped. */
    private static final Set<String> PSEUDO = Set.of(":method", ":authority", ":path");

    @Override
    public String type() {
        return "http";
    }

    @Override
    public Class<HttpProtocol> configType() {
        return HttpProtocol.class;
    }

    @Override
    public AuthzCheck create(HttpProtocol config, CheckSettings settings, FactoryContext context) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        String at = "protocol.http.";
        List<String> included = List.of("authorization");
        Expression path = null;
        Expression redirect = null;
        List<String> responseHeaders = List.of();
        try {
            if (!settings.includeRequestHeaders().isEmpty()) {
                included = HeaderNames.parse("includeRequestHeaders", settings.includeRequestHeaders(), PSEUDO);
            }
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        try {
            path = config.path() == null ? null : context.expressions().compile(at + "path", config.path());
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        try {
            redirect = config.redirect() == null ? null : context.expressions().compile(at + "redirect", config.redirect());
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        try {
            responseHeaders = HeaderNames.parse(at + "includeResponseHeaders", config.includeResponseHeaders(), Set.of());
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        Map<String, Expression> added = ExpressionMaps.headers(at + "addRequestHeaders", config.addRequestHeaders(), PSEUDO,
                context, problems);
        Map<String, Expression> metadata = ExpressionMaps.compile(at + "metadata", config.metadata(), context, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new HttpCheck(context.httpClient(), settings, included, path, added,
                new HttpVerdicts(responseHeaders, metadata, redirect, context.location()));
    }
}
