package dev.jetway.core.ops;

import static java.util.Objects.requireNonNull;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;

import javax.net.ssl.SSLEngine;

import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs, at INFO, every TLS handshake that a listener requiring client certificates (mTLS) refused because of the
 * client's certificate: which listener, which client address, and why. The client only sees an alert; without this
 * line an operator could not tell a missing certificate from an expired one or one of another CA.
 */
public final class RefusedClientCertificates implements SslHandshakeListener {

    private static final Logger LOG = LoggerFactory.getLogger(RefusedClientCertificates.class);

    private final String listener;

    public RefusedClientCertificates(String listener) {
        this.listener = requireNonNull(listener, "listener");
    }

    @Override
    public void handshakeFailed(Event event, Throwable failure) {
        String reason = HandshakeMetrics.reason(failure);
        if (!reason.startsWith("client_certificate")) {
            return;
        }
        SSLEngine engine = event.getSSLEngine();
        LOG.info("TLS handshake refused on listener \"{}\" from {}:{}: {}", listener, engine.getPeerHost(), engine.getPeerPort(),
                why(reason, failure));
    }

    /** What was wrong with the client's certificate, in words, from the failure's causes. */
    static String why(String reason, Throwable failure) {
        if (reason.equals("client_certificate_missing")) {
            // Many clients (the JDK's among them) send none when theirs is not of a CA the server named.
            return "the client sent no certificate (the listener requires one issued by a CA of its tls.root;"
                    + " clients leave out certificates of other CAs)";
        }
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "the client certificate has expired (" + t.getMessage() + ")";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "the client certificate is not valid yet (" + t.getMessage() + ")";
            }
            all.append(' ').append(String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT));
        }
        String text = all.toString();
        if (text.contains("expired")) {
            return "the client certificate has expired";
        }
        if (text.contains("unable to find valid certification path") || text.contains("unknown_ca")
                || text.contains("unknown ca") || text.contains("path building failed")) {
            return "the client certificate is not issued by a CA of the listener's tls.root (unknown CA)";
        }
        if (text.contains("trust anchor for certification path not found")) {
            // Conscrypt's verdict for any chain it cannot validate, whichever check failed.
            return "the client certificate does not chain to a CA of the listener's tls.root, or is not valid now"
                    + " (expired or not yet valid)";
        }
        if (text.contains("revoked")) {
            return "the client certificate is revoked";
        }
        if (text.contains("extendedkeyusage") || text.contains("key usage")) {
            return "the client certificate is not for client authentication (key usage)";
        }
        return "the client certificate was rejected:" + all;
    }
}
