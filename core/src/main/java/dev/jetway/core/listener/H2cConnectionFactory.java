package dev.jetway.core.listener;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;

/**
 * Cleartext HTTP/2: prior knowledge, and {@code Upgrade: h2c} for requests without a body. Jetty declines the
 * upgrade for a {@code Content-Length} body but not for a chunked one, whose body it then loses (the JDK client
 * sends exactly that for a streamed POST); such requests stay on HTTP/1.1 here.
 */
final class H2cConnectionFactory extends HTTP2CServerConnectionFactory {

    H2cConnectionFactory(HttpConfiguration configuration) {
        super(configuration);
    }

    @Override
    public Connection upgradeConnection(Connector connector, EndPoint endPoint, MetaData.Request request,
                                        HttpFields.Mutable response101) {
        if (request.getHttpFields().contains(HttpHeader.TRANSFER_ENCODING)) {
            return null;
        }
        return super.upgradeConnection(connector, endPoint, request, response101);
    }
}
