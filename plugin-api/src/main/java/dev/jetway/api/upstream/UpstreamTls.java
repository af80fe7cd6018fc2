package dev.jetway.api.upstream;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * How to make TLS connections to upstreams: trust, client certificate, SNI, name checks, ALPN. Built by the
 * {@code backendTLS} plugin from a route's or a backend's policy and applied by the kernel to the
 * {@link dev.jetway.api.FactoryContext#httpClient() HttpClient} backends get. Implementations compare by value
 * (records): upstream clients are shared by every backend with equal settings.
 */
public interface UpstreamTls {

    /**
     * Applies the settings to a client-side factory. Called before the client starts, and again (on the same
     * factory, through {@link SslContextFactory#reload}) when one of {@link #files()} changes, so that new
     * connections use the new certificates while open ones finish. Reads the files each time.
     *
     * @throws Exception when a file cannot be read or is not valid; at start-up the gateway fails, on reload the
     *                   previous material stays in use
     */
    void configure(SslContextFactory.Client sslContextFactory) throws Exception;

    /** The certificate and key files the settings are read from, watched for changes. */
    List<Path> files();

    /** The application protocols to offer by ALPN, in order ({@code h2}, {@code http/1.1}); empty for both. */
    List<String> alpn();

    /** One line for logs, such as {@code backendTLS ca=my-ca sni=api.internal.example.com}. */
    String describe();
}
