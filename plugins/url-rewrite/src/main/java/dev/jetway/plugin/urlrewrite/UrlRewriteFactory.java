package dev.jetway.plugin.urlrewrite;

import dev.jetway.api.ConfigException;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.PolicyFactory;
import org.eclipse.jetty.server.Handler;
import org.pf4j.Extension;

/**
 * {@code urlRewrite: {path: {prefix: /v2}, authority: {host: api.internal}}}: the route's backends get the request
 * with a new path and host; the client's URL is what the access log shows.
 */
@Extension
public final class UrlRewriteFactory implements PolicyFactory<UrlRewriteConfig> {

    @Override
    public String type() {
        return "urlRewrite";
    }

    @Override
    public Class<UrlRewriteConfig> configType() {
        return UrlRewriteConfig.class;
    }

    /** After the header modifiers, as in agentgateway's pipeline. */
    @Override
    public int order() {
        return ORDER_TRANSFORMATION + 20;
    }

    @Override
    public Handler.Wrapper create(UrlRewriteConfig config, FactoryContext context) throws ConfigException {
        HostRewrite authority = HostRewrite.parse(config.authority(), "authority", false);
        PathRewrite path = PathRewrite.parse(config.path(), "path");
        if (authority == null && path == null) {
            throw new ConfigException("", "urlRewrite needs a path or an authority to rewrite");
        }
        return new UrlRewriteHandler(authority, path);
    }
}
