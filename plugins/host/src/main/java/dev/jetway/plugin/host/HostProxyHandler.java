package dev.jetway.plugin.host;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeoutException;

import dev.jetway.api.GatewayAttributes;
import dev.jetway.api.http.PlainText;
import dev.jetway.api.upstream.UpstreamFailures;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http2.client.transport.internal.HttpConnectionOverHTTP2;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's {@link ProxyHandler.Reverse} pointed at one upstream: method, path, query and headers pass through, bodies
 * stream both ways without buffering, and the usual forwarding headers are added. The {@link HttpClient} is the
 * kernel's, shared by backends with equal TLS settings and running on the server's threads and buffers.
 */
final class HostProxyHandler extends ProxyHandler.Reverse {

    private static final Logger LOG = LoggerFactory.getLogger(HostProxyHandler.class);
    private static final String X_FORWARDED_FOR = "X-Forwarded-For";
    private static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    private static final String X_FORWARDED_HOST = "X-Forwarded-Host";
    /**
     * Set when the client went away (reset its stream, closed its connection, or a write to it failed) or a policy
     * gave up on the request (a timeout, a retry that discards the attempt): the upstream exchange is then aborted, and
     * that is not the upstream's fault.
     */
    private static final String CLIENT_GONE = HostProxyHandler.class.getName() + ".clientGone";

    private final UpstreamAddress upstream;
    private final String location;

    /**
     * @param client the kernel's shared upstream client for this backend's TLS settings; not owned here
     */
    HostProxyHandler(UpstreamAddress upstream, String location, HttpClient client) {
        // The path the routes matched is the normalised one (/a/../b is /b): that is the path forwarded, or a route
        // for /b would send /a/../b to an upstream that resolves it otherwise.
        super(request -> HttpURI.build(request.getHttpURI()).path(URIUtil.normalizePath(request.getHttpURI().getPath()))
                .scheme(upstream.scheme()).host(upstream.host()).port(upstream.port()));
        this.upstream = upstream;
        this.location = location;
        setHttpClient(client);
        // Registered unmanaged before ProxyHandler.doStart() adds it as managed: stopping this backend must not stop
        // a client that other backends share.
        addBean(client, false);
    }

    /**
     * {@code Expect: 100-continue} is answered here, as nginx does: Jetty sends the client its 100 when the body is
     * first read, and the upstream gets the body without the expectation (the shared client has no proxy-specific
     * 100-continue handling).
     */
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        request.addFailureListener(failure -> request.setAttribute(CLIENT_GONE, failure));
        Request forwarded = request;
        if (request.getHeaders().contains(HttpHeader.EXPECT)) {
            HttpFields withoutExpect = HttpFields.build(request.getHeaders()).remove(HttpHeader.EXPECT).asImmutable();
            forwarded = new Request.Wrapper(request) {
                @Override
                public HttpFields getHeaders() {
                    return withoutExpect;
                }
            };
        }
        return super.handle(forwarded, new ClientGoneResponse(request, response), callback);
    }

    /**
     * Marks the request when a write towards the client fails. Jetty's proxy then aborts the upstream exchange with
     * that same exception (a "broken pipe" that does not say which side broke), and the failure is the client's.
     */
    private static final class ClientGoneResponse extends Response.Wrapper {
        ClientGoneResponse(Request request, Response response) {
            super(request, response);
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback callback) {
            super.write(last, content, new Callback.Nested(callback) {
                @Override
                public void failed(Throwable failure) {
                    getRequest().setAttribute(CLIENT_GONE, failure);
                    super.failed(failure);
                }
            });
        }
    }

    /**
     * agentgateway's automatic host rewrite: a target given by hostname gets its own name as {@code Host}, as a
     * virtual-hosted or TLS-fronted service expects; a target given by IP address gets the client's. A policy that
     * chose the authority itself (urlRewrite) turns the rewrite off.
     */
    private boolean rewritesHost(Request clientToProxyRequest) {
        return upstream.isHostname() && !Boolean.TRUE.equals(clientToProxyRequest.getAttribute(GatewayAttributes.AUTHORITY_REWRITTEN));
    }

    @Override
    protected void copyRequestHeaders(Request clientToProxyRequest, org.eclipse.jetty.client.Request proxyToServerRequest) {
        super.copyRequestHeaders(clientToProxyRequest, proxyToServerRequest);
        if (rewritesHost(clientToProxyRequest)) {
            proxyToServerRequest.headers(headers -> headers.put(HttpHeader.HOST, upstream.authority()));
        }
    }

    /**
     * Over HTTP/2 (chosen by ALPN, once the connection is known) the host travels as {@code :authority}, which Jetty's
     * client takes from the request's host and port (the upstream's, from the rewritten URI), and a differing
     * {@code Host} header would make the request malformed (RFC 9113, 8.3.1). Without the automatic rewrite, the
     * request keeps the client's host there.
     */
    @Override
    protected org.eclipse.jetty.client.Request newProxyToServerRequest(Request clientToProxyRequest, HttpURI uri) {
        org.eclipse.jetty.client.Request request = super.newProxyToServerRequest(clientToProxyRequest, uri);
        // Whoever fails the request (Jetty when the client goes away, a timeout policy at its deadline) ends the
        // upstream exchange too, instead of leaving it running until the upstream answers.
        clientToProxyRequest.addFailureListener(request::abort);
        HttpURI original = clientToProxyRequest.getHttpURI();
        boolean keepClientHost = !rewritesHost(clientToProxyRequest) && original.getHost() != null;
        request.onRequestBegin(begun -> {
            if (begun.getConnection() instanceof HttpConnectionOverHTTP2) {
                begun.headers(headers -> headers.remove(HttpHeader.HOST));
                if (keepClientHost) {
                    begun.host(original.getHost()).port(original.getPort());
                }
            }
        });
        return request;
    }

    /** The upstream's {@code Date} is dropped: the gateway's own would otherwise follow it as a second one. */
    @Override
    protected HttpField filterServerToProxyResponseField(HttpField serverToProxyResponseField) {
        return serverToProxyResponseField.getHeader() == HttpHeader.DATE ? null : serverToProxyResponseField;
    }

    /**
     * Via, then the client's address, scheme and authority in both the standard {@code Forwarded} header and the
     * {@code X-Forwarded-*} ones most upstreams read. The authority there is the one the client sent (from its
     * request URI, so that HTTP/2 requests, which carry {@code :authority} and no {@code Host}, keep it as HTTP/1.1
     * ones do), also when urlRewrite or the automatic host rewrite changed the {@code Host} the upstream gets.
     */
    @Override
    protected void addProxyHeaders(Request clientToProxyRequest, org.eclipse.jetty.client.Request proxyToServerRequest) {
        addViaHeader(clientToProxyRequest, proxyToServerRequest);
        String remote = Request.getRemoteAddr(clientToProxyRequest);
        String authority = clientToProxyRequest.getHttpURI().getAuthority();
        String clientAuthority = Request.unWrap(clientToProxyRequest).getHttpURI().getAuthority();
        String proto = clientToProxyRequest.isSecure() ? "https" : "http";
        HttpFields incoming = clientToProxyRequest.getHeaders();
        String forwardedFor = incoming.get(X_FORWARDED_FOR);
        String forwarded = incoming.get(HttpHeader.FORWARDED);
        String element = "for=" + quote(remote) + (clientAuthority == null ? "" : ";host=" + quote(clientAuthority)) + ";proto=" + proto;
        proxyToServerRequest.headers(headers -> {
            if (authority != null && !headers.contains(HttpHeader.HOST)) {
                headers.put(HttpHeader.HOST, authority);
            }
            headers.put(HttpHeader.FORWARDED, forwarded == null ? element : forwarded + ", " + element);
            headers.put(X_FORWARDED_FOR, forwardedFor == null ? remote : forwardedFor + ", " + remote);
            headers.put(X_FORWARDED_PROTO, proto);
            if (clientAuthority != null) {
                headers.put(X_FORWARDED_HOST, clientAuthority);
            }
        });
    }

    /** RFC 7239 values: IPv6 addresses and host:port need quoting. */
    private static String quote(String value) {
        if (value.indexOf(':') < 0) {
            return value;
        }
        boolean bareIpv6 = value.indexOf(':') != value.lastIndexOf(':') && !value.startsWith("[");
        return "\"" + (bareIpv6 ? "[" + value + "]" : value) + "\"";
    }

    @Override
    protected void onServerToProxyResponseFailure(Request clientToProxyRequest,
                                                  org.eclipse.jetty.client.Request proxyToServerRequest,
                                                  org.eclipse.jetty.client.Response serverToProxyResponse,
                                                  Response proxyToClientResponse, Callback proxyToClientCallback,
                                                  Throwable failure) {
        String reason = UpstreamFailures.describe(failure);
        int clientError = clientError(failure);
        if (clientToProxyRequest.getAttribute(CLIENT_GONE) != null) {
            LOG.debug("{}: the client went away (or a policy gave up) during {} {}; the upstream exchange was aborted", location,
                    clientToProxyRequest.getMethod(), clientToProxyRequest.getHttpURI().getPath());
        } else if (clientError > 0) {
            LOG.debug("{}: the client's request {} {} was malformed: {}", location, clientToProxyRequest.getMethod(),
                    clientToProxyRequest.getHttpURI().getPath(), failure.getMessage());
        } else {
            LOG.warn("{}: upstream {} failed for {} {}: {}", location, upstream, clientToProxyRequest.getMethod(),
                    clientToProxyRequest.getHttpURI().getPath(), reason);
        }
        if (proxyToClientResponse.isCommitted()) {
            proxyToClientCallback.failed(failure);
            return;
        }
        proxyToClientResponse.getHeaders().clear();
        if (clientError > 0) {
            PlainText.send(proxyToClientResponse, proxyToClientCallback, clientError, "bad request: " + failure.getMessage() + "\n");
            return;
        }
        if (clientToProxyRequest.getAttribute(CLIENT_GONE) == null) {
            clientToProxyRequest.setAttribute(GatewayAttributes.UPSTREAM_FAILURE, failure);
        }
        int status = failure instanceof TimeoutException ? HttpStatus.GATEWAY_TIMEOUT_504 : HttpStatus.BAD_GATEWAY_502;
        PlainText.send(proxyToClientResponse, proxyToClientCallback, status, "upstream " + upstream + " failed: " + reason + "\n");
    }

    /**
     * The 4xx status of a failure that was the client's (a malformed chunk size in its body: Jetty's parser says so
     * with an {@link HttpException}), or 0 when the upstream exchange failed.
     */
    private static int clientError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException http && http.getCode() / 100 == 4) {
                return http.getCode();
            }
        }
        return 0;
    }
}
