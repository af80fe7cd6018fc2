package dev.jetway.api.upstream;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Turns a failed upstream exchange into the sentence users see in a 502 body or a JSON-RPC error: which TLS check
 * failed (unknown CA, name mismatch, expired certificate, client certificate refused), or why the connection failed.
 */
public final class UpstreamFailures {

    private UpstreamFailures() {
    }

    public static String describe(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        boolean expired = false;
        boolean notYetValid = false;
        boolean handshake = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            messages.append(' ').append(t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT));
            expired |= t instanceof CertificateExpiredException;
            notYetValid |= t instanceof CertificateNotYetValidException;
            handshake |= t instanceof SSLHandshakeException || t instanceof SSLPeerUnverifiedException
                    || t instanceof CertPathValidatorException;
        }
        String all = messages.toString();
        if (expired || all.contains("notafter") || all.contains("certificate expired") || all.contains("has expired")) {
            return "TLS: the upstream's certificate has expired";
        }
        if (notYetValid || all.contains("notbefore")) {
            return "TLS: the upstream's certificate is not valid yet";
        }
        if (all.contains("no subject alternative") || all.contains("no name matching") || all.contains("does not match")
                || all.contains("host name verification failed")) {
            return "TLS: the upstream's certificate does not match the expected name (" + firstMessage(failure) + ")";
        }
        if (all.contains("unable to find valid certification path") || all.contains("pkix path building failed")) {
            return "TLS: the upstream's certificate is not signed by a trusted CA (unknown CA)";
        }
        if (all.contains("certificate_required") || all.contains("bad_certificate") || all.contains("certificate required")) {
            return "TLS: the upstream refused the client certificate (" + firstMessage(failure) + ")";
        }
        if (handshake) {
            return "TLS handshake with the upstream failed: " + firstMessage(failure);
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof TimeoutException) {
                return "timed out (" + t.getMessage() + ")";
            }
            if (t instanceof java.util.concurrent.RejectedExecutionException) {
                // Jetty's "Max requests queued per destination 1024 exceeded for HttpDestination[...]": no internals.
                return "too many requests are waiting for this upstream";
            }
            if (t instanceof java.nio.channels.ClosedChannelException || t instanceof java.io.EOFException
                    || t instanceof java.io.IOException && "Broken pipe".equals(t.getMessage())) {
                return duringTlsHandshake(failure)
                        ? "TLS: the upstream closed the connection during the handshake: it may require a client "
                          + "certificate (mtlsCertificateRef) or have refused ours"
                        : "the upstream closed the connection";
            }
        }
        return firstMessage(failure);
    }

    /**
     * Whether the connection broke while ALPN was still being negotiated, that is inside the TLS handshake. An
     * upstream that refuses a client certificate sends its alert and closes, and the client often only sees the
     * close (TLS 1.3 refuses after the client's Finished; TLS 1.2 races the client's flush).
     */
    private static boolean duringTlsHandshake(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().endsWith("NegotiatingClientConnection")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String firstMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return root.getClass().getSimpleName();
    }
}
