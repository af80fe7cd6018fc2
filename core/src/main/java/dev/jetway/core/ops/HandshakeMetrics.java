package dev.jetway.core.ops;

import java.util.Locale;

import javax.net.ssl.SSLSession;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;

/**
 * Counts TLS handshakes of a bind: successes by protocol, failures by reason, so that a client stuck on TLS 1.1 or
 * a missing client certificate shows up on a dashboard, not only in a client's error message.
 */
public final class HandshakeMetrics implements SslHandshakeListener {

    private final MeterRegistry registry;
    private final String bind;

    HandshakeMetrics(MeterRegistry registry, String bind) {
        this.registry = registry;
        this.bind = bind;
    }

    @Override
    public void handshakeSucceeded(Event event) {
        SSLSession session = event.getSSLEngine().getSession();
        counter("succeeded", "none", session.getProtocol()).increment();
    }

    @Override
    public void handshakeFailed(Event event, Throwable failure) {
        counter("failed", reason(failure), "none").increment();
    }

    /**
     * A connection closed before any TLS engine saw it: not TLS at all, a server name no listener serves, or a
     * ClientHello that never completed. Such garbage is a handshake that failed, and counts as one.
     */
    public void refused(String reason) {
        counter("failed", reason, "none").increment();
    }

    private Counter counter(String result, String reason, String protocol) {
        return Counter.builder("jetway.tls.handshakes").description("TLS handshakes on listeners, by result")
                .tags("bind", bind, "result", result, "reason", reason, "protocol", protocol).register(registry);
    }

    /** A stable, low-cardinality reason from the JDK's or BoringSSL's message. */
    static String reason(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            all.append(' ').append(String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT));
        }
        String text = all.toString();
        if (text.contains("protocol") && (text.contains("version") || text.contains("not enabled")
                || text.contains("not supported") || text.contains("disabled"))) {
            return "protocol_version";
        }
        if (text.contains("cipher") || text.contains("no_shared") || text.contains("no appropriate")) {
            return "no_shared_cipher";
        }
        if (text.contains("empty client certificate") || text.contains("certificate_required") || text.contains("certificate required")
                || text.contains("peer_did_not_return_a_certificate")) {
            return "client_certificate_missing";
        }
        if (text.contains("pkix") || text.contains("unknown_ca") || text.contains("certification path") || text.contains("certificate")) {
            return "client_certificate_rejected";
        }
        if (text.contains("unrecognized") || text.contains("plaintext") || text.contains("not an ssl")) {
            return "not_tls";
        }
        if (text.contains("closed") || text.contains("eof") || text.contains("broken pipe")) {
            return "closed_by_client";
        }
        return "other";
    }
}
