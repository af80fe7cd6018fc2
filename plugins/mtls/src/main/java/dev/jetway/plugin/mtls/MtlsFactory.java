package dev.jetway.plugin.mtls;

import java.security.KeyStore;

import dev.jetway.api.ConfigException;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.tls.ListenerTlsCustomizer;
import dev.jetway.api.tls.ListenerTlsFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.pf4j.Extension;

/**
 * Listener mutual TLS: with {@code tls.root} set, every client must present a certificate that chains to it (there is
 * no optional mode, as in agentgateway). The verified certificate is offered to later policies as a
 * {@link dev.jetway.api.tls.ClientCertificate} request attribute.
 */
@Extension
public final class MtlsFactory implements ListenerTlsFactory<MtlsConfig> {

    @Override
    public String name() {
        return "mtls";
    }

    @Override
    public Class<MtlsConfig> configType() {
        return MtlsConfig.class;
    }

    @Override
    public ListenerTlsCustomizer create(MtlsConfig config, FactoryContext context) throws ConfigException {
        if (config.root() == null) {
            throw new ConfigException("root", "root is required: a PEM file of the CA certificates clients must chain to");
        }
        KeyStore roots = context.pem().trustStore("root", config.root());
        return new ListenerTlsCustomizer() {
            @Override
            public void customize(SslContextFactory.Server sslContextFactory) {
                sslContextFactory.setTrustStore(roots);
                sslContextFactory.setNeedClientAuth(true);
            }

            @Override
            public HttpConfiguration.Customizer requestCustomizer() {
                return new ClientCertificateCustomizer();
            }
        };
    }
}
