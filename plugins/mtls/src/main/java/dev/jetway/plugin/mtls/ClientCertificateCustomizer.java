package dev.jetway.plugin.mtls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

import dev.jetway.api.tls.ClientCertificate;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Sets the {@link ClientCertificate} attribute from the verified peer certificate, computed once per TLS session.
 */
final class ClientCertificateCustomizer implements HttpConfiguration.Customizer {

    private static final String SESSION_KEY = ClientCertificate.ATTRIBUTE;

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        EndPoint.SslSessionData ssl = request.getConnectionMetaData().getConnection().getEndPoint().getSslSessionData();
        if (ssl == null || ssl.peerCertificates() == null || ssl.peerCertificates().length == 0) {
            return request;
        }
        SSLSession session = ssl.sslSession();
        ClientCertificate certificate = session == null ? null : (ClientCertificate) session.getValue(SESSION_KEY);
        if (certificate == null) {
            certificate = describe(ssl.peerCertificates()[0]);
            if (session != null) {
                session.putValue(SESSION_KEY, certificate);
            }
        }
        request.setAttribute(ClientCertificate.ATTRIBUTE, certificate);
        return request;
    }

    static ClientCertificate describe(X509Certificate leaf) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = leaf.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    String prefix = switch ((Integer) entry.get(0)) {
                        case 1 -> "email:";
                        case 2 -> "DNS:";
                        case 6 -> "URI:";
                        case 7 -> "IP:";
                        default -> null;
                    };
                    if (prefix != null) {
                        names.add(prefix + entry.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // an unreadable SAN extension leaves the list empty; the chain itself was verified
        }
        return new ClientCertificate(leaf.getSubjectX500Principal().getName(X500Principal.RFC2253), names, leaf);
    }
}
