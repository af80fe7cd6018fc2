package dev.jetway.api.tls;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The verified certificate a client presented on a mutual-TLS listener, as a request attribute under
 * {@link #ATTRIBUTE}, for policies that authorise by client identity.
 *
 * @param subject the subject distinguished name, RFC 2253 form ({@code CN=agent-1,O=Example})
 * @param subjectAltNames the DNS names, URIs, e-mail addresses and IP addresses of the certificate
 * @param certificate the leaf certificate itself
 */
public record ClientCertificate(String subject, List<String> subjectAltNames, X509Certificate certificate) {

    public static final String ATTRIBUTE = "dev.jetway.tls.clientCertificate";

    public ClientCertificate {
        requireNonNull(subject, "subject");
        subjectAltNames = List.copyOf(subjectAltNames);
        requireNonNull(certificate, "certificate");
    }
}
