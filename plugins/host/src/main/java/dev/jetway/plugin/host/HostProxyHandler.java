package dev.jetway.plugin.host;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.jetway.api.http.PlainText;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
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

    @Override
    protected void addProxyHeaders(Request clientToProxyRequest, org.eclipse.jetty.client.Request proxyToServerRequest) {
        super.addProxyHeaders(clientToProxyRequest, proxyToServerRequest);
        String remote = Request.getRemoteAddr(clientToProxyRequest);
        String forwardedFor = clientToProxyRequest.getHeaders().get("X-Forwarded-For");
        String host = clientToProxyRequest.getHeaders().get(HttpHeader.HOST);
        proxyToServerRequest.headers(headers -> {
            headers.put("X-Forwarded-For", forwardedFor == null ? remote : forwardedFor + ", " + remote);
            headers.put("X-Forwarded-Proto", clientToProxyRequest.isSecure() ? "https" : "http");
            if (host != null) {
                headers.put("X-Forwarded-Host", host);
            }
        });
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
