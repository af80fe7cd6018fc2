package dev.jetway.plugin.backendtls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * {@code subjectAltNames: [...]}: the upstream's (already chain-verified) certificate must carry one of these DNS
 * names or URIs, such as a SPIFFE id, instead of the destination's host name.
 */
final class SubjectAltNameVerifier implements HostnameVerifier {

    private final List<String> accepted;

    SubjectAltNameVerifier(List<String> accepted) {
        this.accepted = List.copyOf(accepted);
    }

    @Override
    public boolean verify(String host, SSLSession session) {
        try {
            X509Certificate leaf = (X509Certificate) session.getPeerCertificates()[0];
            Collection<List<?>> names = leaf.getSubjectAlternativeNames();
            if (names == null) {
                return false;
            }
            for (List<?> name : names) {
                if (accepted.contains(String.valueOf(name.get(1)))) {
                    return true;
                }
            }
            return false;
        } catch (SSLPeerUnverifiedException | CertificateParsingException e) {
            return false;
        }
    }
}
