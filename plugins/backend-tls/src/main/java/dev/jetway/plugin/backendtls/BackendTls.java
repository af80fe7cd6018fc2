package dev.jetway.plugin.backendtls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;

import dev.jetway.api.ConfigException;
import dev.jetway.api.tls.PemLoader;
import dev.jetway.api.upstream.UpstreamTls;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** {@link TlsSettings} applied to Jetty's client-side TLS; equal when the settings are. */
final class BackendTls implements UpstreamTls {

    private final TlsSettings settings;
    private final PemLoader pem;

    BackendTls(TlsSettings settings, PemLoader pem) {
        this.settings = settings;
        this.pem = pem;
    }

    /** Reads every file now, so that a bad one is a config error rather than a failure at start. */
    void validate() throws ConfigException {
        read();
    }

    @Override
    public void configure(SslContextFactory.Client factory) throws Exception {
        Material material = read();
        if (!settings.verifyChain()) {
            factory.setTrustAll(true);
            factory.setEndpointIdentificationAlgorithm(null);
        } else {
            factory.setTrustAll(false);
            factory.setTrustStore(material.trust());
            boolean byHostName = settings.verifyName() && settings.subjectAltNames().isEmpty();
            // The JDK checks the name against the SNI we send when there is one, else against the destination host.
            factory.setEndpointIdentificationAlgorithm(byHostName ? "HTTPS" : null);
            factory.setHostnameVerifier(settings.verifyName() && !settings.subjectAltNames().isEmpty()
                    ? new SubjectAltNameVerifier(settings.subjectAltNames()) : null);
        }
        if (material.keys() != null) {
            factory.setKeyStore(material.keys());
            factory.setKeyStorePassword(PemLoader.KEY_PASSWORD);
            factory.setKeyManagerPassword(PemLoader.KEY_PASSWORD);
        }
        if (settings.sni() != null) {
            SNIHostName sni = new SNIHostName(settings.sni());
            factory.setSNIProvider((engine, serverNames) -> List.of(sni));
        } else {
            factory.setSNIProvider(BackendTls::destinationName);
        }
    }

    /**
     * SNI from the destination's host name, single-label names such as {@code localhost} included (the JDK sends none
     * for those on its own); none for an IP literal.
     */
    private static List<SNIServerName> destinationName(SSLEngine engine, List<SNIServerName> serverNames) {
        String host = engine.getPeerHost();
        if (!serverNames.isEmpty() || host == null || host.indexOf(':') >= 0 || host.matches("[0-9.]+")) {
            return serverNames;
        }
        return List.of(new SNIHostName(host));
    }

    private record Material(KeyStore trust, KeyStore keys) {
    }

    private Material read() throws ConfigException {
        KeyStore trust = null;
        if (settings.verifyChain()) {
            trust = settings.trust().isEmpty() ? SystemTrust.load(pem) : trustStore();
        }
        KeyStore keys = settings.clientCert() == null ? null : pem.keyStore(settings.clientCert().field(),
                settings.clientCert().path().toString(), settings.clientKey().field(), settings.clientKey().path().toString());
        return new Material(trust, keys);
    }

    private KeyStore trustStore() throws ConfigException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (TlsSettings.Source source : settings.trust()) {
                for (X509Certificate certificate : pem.certificates(source.field(), source.path().toString())) {
                    store.setCertificateEntry("ca-" + i++, certificate);
                }
            }
            return store;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new ConfigException("tls", "cannot build the trust store: " + e.getMessage());
        }
    }

    @Override
    public List<java.nio.file.Path> files() {
        return settings.files();
    }

    @Override
    public List<String> alpn() {
        return settings.alpn();
    }

    @Override
    public String describe() {
        return settings.describe();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackendTls other && settings.equals(other.settings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(settings);
    }

    @Override
    public String toString() {
        return describe();
    }
}
