package dev.jetway.plugin.backendtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;

import dev.jetway.core.testing.Http;
import dev.jetway.core.testing.TestCertificates;
import dev.jetway.core.testing.TestCertificates.Issued;
import dev.jetway.core.testing.TestCertificates.KeyFormat;
import dev.jetway.core.testing.TestCertificates.KeyType;
import dev.jetway.core.testing.TestGateway;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * backendTLS against Jetty HTTPS upstreams, which show what nginx cannot: the exact SNI received, the protocol ALPN
 * chose, and a handshake-level refusal of a missing client certificate.
 */
class JettyUpstreamTlsIT {

    @TempDir
    static Path dir;
    static TestCertificates ca;
    static Server open;
    static Server strict;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        ca = TestCertificates.newCa("jetty upstream CA");
        Issued serverCert = ca.server(KeyType.EC, "api.internal.example.com", "localhost");
        open = upstream(serverCert, false);
        strict = upstream(serverCert, true);
        Path caFile = ca.writeCa(dir.resolve("files"));
        Issued client = ca.client("jetway-gateway", "spiffe://example.org/gateway");
        client.write(dir.resolve("client"), KeyFormat.SEC1);
        int openPort = ((ServerConnector) open.getConnectors()[0]).getLocalPort();
        int strictPort = ((ServerConnector) strict.getConnectors()[0]).getLocalPort();
        gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - name: sni
                      matches: [{path: {pathPrefix: /sni}}]
                      policies: {backendTLS: {root: %1$s, hostname: api.internal.example.com}}
                      backends: [{host: "https://127.0.0.1:%2$d"}]
                    - name: h1-only
                      matches: [{path: {pathPrefix: /h1}}]
                      policies: {backendTLS: {root: %1$s, alpn: [http/1.1]}}
                      backends: [{host: "https://localhost:%2$d"}]
                    - name: san
                      matches: [{path: {pathPrefix: /san}}]
                      policies: {backendTLS: {root: %1$s, subjectAltNames: [api.internal.example.com]}}
                      backends: [{host: "https://127.0.0.1:%2$d"}]
                    - name: wrong-san
                      matches: [{path: {pathPrefix: /wrong-san}}]
                      policies: {backendTLS: {root: %1$s, subjectAltNames: [spiffe://example.org/other]}}
                      backends: [{host: "https://localhost:%2$d"}]
                    - name: no-client-cert
                      matches: [{path: {pathPrefix: /no-client-cert}}]
                      policies: {backendTLS: {root: %1$s}}
                      backends: [{host: "https://localhost:%3$d"}]
                    - name: route-tls-plain-host
                      matches: [{path: {pathPrefix: /route-tls}}]
                      policies: {backendTLS: {root: %1$s}}
                      backends: [{host: "localhost:%2$d"}]
                    - name: backend-tls-plain-host
                      matches: [{path: {pathPrefix: /backend-tls}}]
                      backends: [{host: "localhost:%2$d", policies: {backendTLS: {root: %1$s}}}]
                    - name: client-cert
                      matches: [{path: {pathPrefix: /client-cert}}]
                      policies: {backendTLS: {root: %1$s, cert: client/cert.pem, key: client/key.pem}}
                      backends: [{host: "https://localhost:%3$d"}]
                """.formatted(caFile, openPort, strictPort), dir);
    }

    /** An HTTPS Jetty that answers with the protocol, the SNI it received and the client's certificate subject. */
    private static Server upstream(Issued certificate, boolean needClientAuth) throws Exception {
        Server server = new Server();
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(certificate.keyStore());
        tls.setKeyStorePassword("secret");
        if (needClientAuth) {
            tls.setTrustStore(ca.ca().keyStore());
            tls.setTrustStorePassword("secret");
            tls.setNeedClientAuth(true);
        }
        HttpConfiguration http = new HttpConfiguration();
        http.addCustomizer(new SecureRequestCustomizer(false));
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, alpn.getProtocol()), alpn,
                new HTTP2ServerConnectionFactory(http), new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                EndPoint.SslSessionData ssl = (EndPoint.SslSessionData) request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
                String sni = ((ExtendedSSLSession) ssl.sslSession()).getRequestedServerNames().stream()
                        .map(n -> ((SNIHostName) n).getAsciiName()).collect(Collectors.joining(","));
                String client = ssl.peerCertificates() == null ? "" : ssl.peerCertificates()[0].getSubjectX500Principal().getName();
                Content.Sink.write(response, true, request.getConnectionMetaData().getProtocol() + " sni=" + sni
                        + " client=" + client + "\n", callback);
                return true;
            }
        });
        server.start();
        return server;
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        open.stop();
        strict.stop();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return Http.get("http://127.0.0.1:" + gateway.port() + path, Map.of());
    }

    @Test
    void theConfiguredNameIsSentAsSniAndVerifiedAndH2IsNegotiated() throws Exception {
        HttpResponse<String> response = get("/sni");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("HTTP/2.0 sni=api.internal.example.com client=\n", response.body());
    }

    /** agentgateway writes a host without a scheme and lets backendTLS, of the route or the backend, make it TLS. */
    @Test
    void backendTlsMakesAPlainHostAddressTls() throws Exception {
        HttpResponse<String> route = get("/route-tls");
        assertEquals(200, route.statusCode(), route.body());
        assertEquals("HTTP/2.0 sni=localhost client=\n", route.body());
        HttpResponse<String> backend = get("/backend-tls");
        assertEquals(200, backend.statusCode(), backend.body());
        assertEquals("HTTP/2.0 sni=localhost client=\n", backend.body());
    }

    @Test
    void alpnCanPinHttp11() throws Exception {
        assertEquals("HTTP/1.1 sni=localhost client=\n", get("/h1").body());
    }

    @Test
    void subjectAltNamesReplaceTheHostNameCheck() throws Exception {
        assertEquals(200, get("/san").statusCode());
        HttpResponse<String> wrong = get("/wrong-san");
        assertEquals(502, wrong.statusCode());
        assertTrue(wrong.body().contains("does not match the expected name"), wrong.body());
    }

    @Test
    void aHandshakeLevelClientCertificateRefusalIsNamed() throws Exception {
        HttpResponse<String> refused = get("/no-client-cert");
        assertEquals(502, refused.statusCode());
        assertTrue(refused.body().contains("TLS: the upstream refused the client certificate")
                || refused.body().contains("TLS: the upstream closed the connection during the handshake: it may require a client "
                + "certificate (mtlsCertificateRef)"), refused.body());
        HttpResponse<String> accepted = get("/client-cert");
        assertEquals(200, accepted.statusCode(), accepted.body());
        assertEquals("HTTP/2.0 sni=localhost client=CN=jetway-gateway,O=jetway tests\n", accepted.body());
    }
}
