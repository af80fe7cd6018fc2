package dev.jetway.plugin.host;

import dev.jetway.api.BackendFactory;
import dev.jetway.api.ConfigException;
import dev.jetway.api.FactoryContext;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.pf4j.Extension;

/**
 * {@code host: "10.0.0.1:8080"}: a reverse proxy to one HTTP upstream, over TLS when a {@code backendTLS} policy of
 * the backend or its route applies.
 */
@Extension
public final class HostBackendFactory implements BackendFactory<String> {

    /** Request bodies up to this size are read whole before the upstream is called. */
    static final long BUFFERED_BODY_BYTES = 64 * 1024;

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
            HostProxyHandler proxy = new HostProxyHandler(UpstreamAddress.parse(config, context.upstreamTls().isPresent()),
                    context.location(), context.httpClient());
            // As nginx buffers request bodies before it connects upstream: a client that sends its body slowly holds
            // a gateway buffer, not one of the upstream's connections (1,100 slow clients once starved an upstream).
            // Larger bodies stream, at the connector's minimum data rate.
            return new EagerContentHandler(proxy, new EagerContentHandler.RetainedContentLoaderFactory(BUFFERED_BODY_BYTES, -1, false));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("", e.getMessage());
        }
    }
}
