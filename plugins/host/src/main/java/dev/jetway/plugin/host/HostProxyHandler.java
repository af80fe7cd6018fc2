package dev.jetway.plugin.host;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.jetway.api.http.PlainText;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's {@link ProxyHandler.Reverse} pointed at one upstream: method, path, query and headers pass through, bodies
 * stream both ways without buffering, and the usual forwarding headers are added. Its {@link HttpClient} (one per
 * backend, pooling connections) runs on the server's threads and buffers.
 */
final class HostProxyHandler extends ProxyHandler.Reverse {

    private static final Logger LOG = LoggerFactory.getLogger(HostProxyHandler.class);
    private static final long CONNECT_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(10);
    private static final long IDLE_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(90);
    private static final String X_FORWARDED_FOR = "X-Forwarded-For";
    private static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    private static final String X_FORWARDED_HOST = "X-Forwarded-Host";

    private final Upstream upstream;
    private final String location;

    HostProxyHandler(Upstream upstream, String location) {
        super(request -> HttpURI.build(request.getHttpURI())
                .scheme(upstream.scheme()).host(upstream.host()).port(upstream.port()));
        this.upstream = upstream;
        this.location = location;
        setUseServerThreadPool(true);
    }

    @Override
    protected HttpClient newHttpClient() {
        ClientConnector connector = new ClientConnector();
        if (upstream.isSecure()) {
            connector.setSslContextFactory(new SslContextFactory.Client());
        }
        return new HttpClient(new HttpClientTransportDynamic(connector, HttpClientConnectionFactory.HTTP11));
    }

    @Override
    protected void configureHttpClient(HttpClient httpClient) {
        super.configureHttpClient(httpClient);
        httpClient.setByteBufferPool(getServer().getByteBufferPool());
        httpClient.setScheduler(getServer().getScheduler());
        httpClient.setConnectTimeout(CONNECT_TIMEOUT_MS);
        httpClient.setIdleTimeout(IDLE_TIMEOUT_MS);
        httpClient.setUserAgentField(null);
    }

    /**
     * Via, then the client's address, scheme and authority in both the standard {@code Forwarded} header and the
     * {@code X-Forwarded-*} ones most upstreams read. The authority comes from the request URI, so that HTTP/2
     * requests (which carry {@code :authority}, not {@code Host}) keep their host upstream as HTTP/1.1 ones do.
     */
    @Override
    protected void addProxyHeaders(Request clientToProxyRequest, org.eclipse.jetty.client.Request proxyToServerRequest) {
        addViaHeader(clientToProxyRequest, proxyToServerRequest);
        String remote = Request.getRemoteAddr(clientToProxyRequest);
        String authority = clientToProxyRequest.getHttpURI().getAuthority();
        String proto = clientToProxyRequest.isSecure() ? "https" : "http";
        HttpFields incoming = clientToProxyRequest.getHeaders();
        String forwardedFor = incoming.get(X_FORWARDED_FOR);
        String forwarded = incoming.get(HttpHeader.FORWARDED);
        String element = "for=" + quote(remote) + (authority == null ? "" : ";host=" + quote(authority)) + ";proto=" + proto;
        proxyToServerRequest.headers(headers -> {
            if (authority != null && !headers.contains(HttpHeader.HOST)) {
                headers.put(HttpHeader.HOST, authority);
            }
            headers.put(HttpHeader.FORWARDED, forwarded == null ? element : forwarded + ", " + element);
            headers.put(X_FORWARDED_FOR, forwardedFor == null ? remote : forwardedFor + ", " + remote);
            headers.put(X_FORWARDED_PROTO, proto);
            if (authority != null) {
                headers.put(X_FORWARDED_HOST, authority);
            }
        });
    }

    /** RFC 7239 values: IPv6 addresses and host:port need quoting. */
    private static String quote(String value) {
        return value.indexOf(':') >= 0 ? "\"" + (value.indexOf(':') != value.lastIndexOf(':') && !value.startsWith("[")
                ? "[" + value + "]" : value) + "\"" : value;
    }

    @Override
    protected void onServerToProxyResponseFailure(Request clientToProxyRequest,
                                                  org.eclipse.jetty.client.Request proxyToServerRequest,
                                                  org.eclipse.jetty.client.Response serverToProxyResponse,
                                                  Response proxyToClientResponse, Callback proxyToClientCallback,
                                                  Throwable failure) {
        boolean timeout = failure instanceof TimeoutException;
        LOG.warn("{}: upstream {} failed for {} {}: {}", location, upstream, clientToProxyRequest.getMethod(),
                clientToProxyRequest.getHttpURI().getPath(), failure.toString());
        if (proxyToClientResponse.isCommitted()) {
            proxyToClientCallback.failed(failure);
            return;
        }
        proxyToClientResponse.getHeaders().clear();
        PlainText.send(proxyToClientResponse, proxyToClientCallback,
                timeout ? HttpStatus.GATEWAY_TIMEOUT_504 : HttpStatus.BAD_GATEWAY_502,
                "upstream " + upstream + " failed: " + describe(failure) + "\n");
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
