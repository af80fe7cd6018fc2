package dev.jetway.core.tls;

import java.nio.ByteBuffer;
import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

import org.conscrypt.Conscrypt;

/** Conscrypt (BoringSSL) as a JCA provider for listeners, when its native library loads on this platform. */
public final class ConscryptSupport {

    /** The provider name listeners ask Jetty for. */
    public static final String PROVIDER = "Conscrypt";

    /** BoringSSL always enables these for TLS 1.3, in this order of preference, whatever the application asks. */
    public static final List<CipherSuite> TLS13_SUITES = List.of(
            CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384, CipherSuite.TLS_CHACHA20_POLY1305_SHA256);

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** Where close_notify alerts for peers already gone are written; direct, as Conscrypt copies heap ones. */
    private static final ThreadLocal<ByteBuffer> DISCARDED = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(1024));

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

    /**
     * Frees a closed connection's Conscrypt engine now rather than at its finalization (no-op for other engines).
     * Conscrypt frees the native SSL object only once both directions are done, and Jetty leaves the outbound
     * close_notify unsent on a connection the peer already closed. The ALPN selector Jetty gives the engine is dropped
     * too: it references the whole connection (parser, buffers, socket), which the finalizable engine would otherwise
     * keep alive into the old generation. Last, the engine's own direct buffer is freed.
     */
    public static void release(SSLEngine engine) {
        if (!Conscrypt.isConscrypt(engine)) {
            return;
        }
        Conscrypt.setApplicationProtocolSelector(engine, null);
        engine.closeOutbound();
        try {
            ByteBuffer discarded = DISCARDED.get();
            discarded.clear();
            while (!engine.isOutboundDone() && engine.wrap(EMPTY, discarded).bytesProduced() > 0) {
                discarded.clear();
            }
            engine.closeInbound();
        } catch (SSLException peerLeftWithoutCloseNotify) {
            // Expected of clients that just hang up; the engine is closed either way.
        }
        ConscryptCoalescingBuffer.free(engine);
    }

    /** Registers the provider (after the JDK's, so it is used only where asked for by name). */
    public static synchronized void install() {
        if (Security.getProvider(PROVIDER) == null) {
            Provider provider = Conscrypt.newProvider();
            Security.addProvider(provider);
        }
    }
}
