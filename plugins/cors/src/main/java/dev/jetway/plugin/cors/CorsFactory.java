package dev.jetway.plugin.cors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.PolicyFactory;
import org.eclipse.jetty.server.Handler;
import org.pf4j.Extension;

/**
 * {@code cors: {allowOrigins: ["https://*.example.com"], allowMethods: [GET, POST], allowHeaders: ["*"],
 * allowCredentials: true, exposeHeaders: [mcp-session-id], maxAge: 10m}}: preflights are answered at the gateway,
 * and responses to allowed origins carry the CORS headers, as Envoy and agentgateway do.
 */
@Extension
public final class CorsFactory implements PolicyFactory<CorsConfig> {

    /** RFC 9110 tokens: what header names and methods are made of. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

    @Override
    public String type() {
        return "cors";
    }

    @Override
    public Class<CorsConfig> configType() {
        return CorsConfig.class;
    }

    @Override
    public int order() {
        return ORDER_CORS;
    }

    @Override
    public Handler.Wrapper create(CorsConfig config, FactoryContext context) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < config.allowOrigins().size(); i++) {
            String origin = config.allowOrigins().get(i);
            if (!"*".equals(origin) && Origin.parse(origin, true) == null) {
                problems.add(new ConfigProblem("allowOrigins[" + i + "]", "\"" + origin + "\" is not an origin; write"
                        + " http(s)://host[:port] without a path, such as https://app.example.com or https://*.example.com,"
                        + " or \"*\" for any"));
            }
        }
        List<String> allowHeaders = headerNames(config.allowHeaders(), "allowHeaders", problems);
        List<String> exposeHeaders = headerNames(config.exposeHeaders(), "exposeHeaders", problems);
        for (int i = 0; i < config.allowMethods().size(); i++) {
            String method = config.allowMethods().get(i);
            if (method == null || !TOKEN.matcher(method).matches()) {
                problems.add(new ConfigProblem("allowMethods[" + i + "]", "invalid method \"" + method
                        + "\"; such as GET or POST, or \"*\" for any"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new CorsHandler(new AllowedOrigins(config.allowOrigins()), Allowed.of(config.allowMethods()),
                Allowed.of(allowHeaders), Allowed.of(exposeHeaders), config.allowCredentials(),
                config.maxAge() == null ? null : Long.toString(config.maxAge().toSeconds()));
    }

    /** The names in lower case, as agentgateway writes them back. */
    private static List<String> headerNames(List<String> names, String field, List<ConfigProblem> problems) {
        List<String> lower = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || !TOKEN.matcher(name).matches()) {
                problems.add(new ConfigProblem(field + "[" + i + "]", "invalid header name \"" + name
                        + "\"; such as content-type, or \"*\" for any"));
            } else {
                lower.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return lower;
    }
}
