package dev.jetway.plugin.backendtls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;

import dev.jetway.api.ConfigException;
import dev.jetway.api.tls.PemLoader;

/**
 * The roots {@code tls: {}} trusts: the JVM's {@code cacerts} plus the operating system's bundle where there is one,
 * so that a CA the platform team installed on the host is trusted as curl would trust it.
 */
final class SystemTrust {

    static final Path OS_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");

    private SystemTrust() {
    }

    static KeyStore load(PemLoader pem) throws ConfigException {
        try {
            Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            if (Files.isRegularFile(cacerts)) {
                KeyStore jvm = KeyStore.getInstance(cacerts.toFile(), (char[]) null);
                for (String alias : Collections.list(jvm.aliases())) {
                    if (jvm.isCertificateEntry(alias)) {
                        store.setCertificateEntry("jvm-" + alias, jvm.getCertificate(alias));
                    }
                }
            }
            if (Files.isReadable(OS_BUNDLE)) {
                List<X509Certificate> bundle = pem.certificates("tls", OS_BUNDLE.toString());
                for (int i = 0; i < bundle.size(); i++) {
                    store.setCertificateEntry("os-" + i, bundle.get(i));
                }
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("tls", "cannot read the system's trusted roots: " + e.getMessage());
        }
    }
}
