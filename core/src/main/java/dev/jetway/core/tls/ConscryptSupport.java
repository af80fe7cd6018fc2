package dev.jetway.core.tls;

import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.Optional;

import org.conscrypt.Conscrypt;

/** Conscrypt (BoringSSL) as a JCA provider for listeners, when its native library loads on this platform. */
public final class ConscryptSupport {

    /** The provider name listeners ask Jetty for. */
    public static final String PROVIDER = "Conscrypt";

    /** BoringSSL always enables these for TLS 1.3, in this order of preference, whatever the application asks. */
    public static final List<CipherSuite> TLS13_SUITES = List.of(
            CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384, CipherSuite.TLS_CHACHA20_POLY1305_SHA256);

    private ConscryptSupport() {
    }

    /** Why Conscrypt cannot be used here, if it cannot. */
    public static Optional<String> unavailableReason() {
        try {
            Conscrypt.checkAvailability();
            return Optional.empty();
        } catch (Throwable e) {
            return Optional.of("Conscrypt's native library does not load on this platform: " + e);
        }
    }

    /** Registers the provider (after the JDK's, so it is used only where asked for by name). */
    public static synchronized void install() {
        if (Security.getProvider(PROVIDER) == null) {
            Provider provider = Conscrypt.newProvider();
            Security.addProvider(provider);
        }
    }
}
