package dev.jetway.plugin.host;

import dev.jetway.api.BackendFactory;
import dev.jetway.api.ConfigException;
import dev.jetway.api.FactoryContext;
import org.eclipse.jetty.server.Handler;
import org.pf4j.Extension;

/**
 * {@code host: "10.0.0.1:8080"}: a reverse proxy to one HTTP upstream, over TLS when a {@code backendTLS} policy of
 * the backend or its route applies.
 */
@Extension
public final class HostBackendFactory implements BackendFactory<String> {

    @Override
    public String type() {
        return "host";
    }

    @Override
    public Class<String> configType() {
        return String.class;
    }

    @Override
    public Handler create(String config, FactoryContext context) throws ConfigException {
        try {
            return new HostProxyHandler(UpstreamAddress.parse(config, context.upstreamTls().isPresent()), context.location(), context.httpClient());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("", e.getMessage());
        }
    }
}
