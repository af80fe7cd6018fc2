package dev.jetway.plugin.backendtls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code backendTLS} policy resolves to, by value: equal settings share one upstream client.
 *
 * @param trust PEM files of the CAs to trust, each with the field it came from; empty for the system roots
 * @param clientCert the client certificate chain for mutual TLS, or {@code null}
 * @param clientKey its key, or {@code null}
 * @param sni the server name to send and to verify, or {@code null} for the destination's host name
 * @param verifyChain whether the upstream's certificate must chain to a trusted CA
 * @param verifyName whether it must also match the expected name
 * @param subjectAltNames names accepted instead of the host name, when given
 * @param alpn protocols to offer, empty for h2 and http/1.1
 */
record TlsSettings(List<Source> trust, Source clientCert, Source clientKey, String sni, boolean verifyChain,
                   boolean verifyName, List<String> subjectAltNames, List<String> alpn) {

    /** A file and the config field (or ref) it came from, for messages. */
    record Source(String field, Path path) {
    }

    TlsSettings {
        trust = List.copyOf(trust);
        subjectAltNames = List.copyOf(subjectAltNames);
        alpn = List.copyOf(alpn);
    }

    /** The system roots, names verified, SNI from the destination: agentgateway's {@code tls: {}}. */
    static TlsSettings defaults() {
        return new TlsSettings(List.of(), null, null, null, true, true, List.of(), List.of());
    }

    List<Path> files() {
        List<Path> files = new ArrayList<>();
        trust.forEach(s -> files.add(s.path()));
        if (clientCert != null) {
            files.add(clientCert.path());
            files.add(clientKey.path());
        }
        return files;
    }

    String describe() {
        StringBuilder sb = new StringBuilder("backendTLS");
        sb.append(trust.isEmpty() ? " trust=system" : " trust=" + trust.stream().map(s -> s.path().toString()).toList());
        if (clientCert != null) {
            sb.append(" client=").append(clientCert.path());
        }
        if (sni != null) {
            sb.append(" sni=").append(sni);
        }
        if (!verifyChain) {
            sb.append(" insecure");
        } else if (!verifyName) {
            sb.append(" name-unverified");
        }
        if (!subjectAltNames.isEmpty()) {
            sb.append(" san=").append(subjectAltNames);
        }
        if (!alpn.isEmpty()) {
            sb.append(" alpn=").append(alpn);
        }
        return sb.toString();
    }
}
