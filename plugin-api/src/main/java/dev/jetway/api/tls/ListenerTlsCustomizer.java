package dev.jetway.api.tls;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** Applies a {@link ListenerTlsFactory}'s settings to one listener. */
@FunctionalInterface
public interface ListenerTlsCustomizer {

    /** Called once, before the listener starts, after the kernel has applied its own settings. */
    void customize(SslContextFactory.Server sslContextFactory);

    /** Runs for every request of the listener, after TLS; {@code null} when there is nothing to add. */
    default HttpConfiguration.Customizer requestCustomizer() {
        return null;
    }
}
