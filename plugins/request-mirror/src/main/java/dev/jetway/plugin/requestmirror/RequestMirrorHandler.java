package dev.jetway.plugin.requestmirror;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.jetway.api.http.BodyCopy;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a copy of a share of the requests (method, path and query, headers, body) to the mirror and forgets it. A
 * request's body is copied while the backend reads it, so the request is not held back; a body over
 * {@link #MAX_BODY} bytes is not mirrored. Whatever the mirror does, the client's exchange does not notice.
 */
final class RequestMirrorHandler extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(RequestMirrorHandler.class);
    /** agentgateway's default buffer limit ({@code http.maxBufferSize}). */
    static final int MAX_BODY = 2 * 1024 * 1024;
    /** A mirror that does not answer in time is given up, so that copies do not pile up. */
    private static final long TIMEOUT_SECONDS = 30;
    /** Connection-level headers and those the client computes for the copy's own body. */
    private static final Set<HttpHeader> NOT_COPIED = EnumSet.of(HttpHeader.CONNECTION, HttpHeader.KEEP_ALIVE,
            HttpHeader.PROXY_CONNECTION, HttpHeader.TRANSFER_ENCODING, HttpHeader.TE, HttpHeader.TRAILER, HttpHeader.UPGRADE,
            HttpHeader.CONTENT_LENGTH, HttpHeader.EXPECT);

    private final HttpClient client;
    private final String target;
    private final double percentage;
    private final String location;

    /**
     * @param client the kernel's shared upstream client; not owned here
     * @param target {@code http://host:port}
     */
    RequestMirrorHandler(HttpClient client, String target, double percentage, String location) {
        this.client = client;
        this.target = target;
        this.percentage = percentage;
        this.location = location;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (ThreadLocalRandom.current().nextDouble() >= percentage) {
            return super.handle(request, response, callback);
        }
        String method = request.getMethod();
        String pathQuery = request.getHttpURI().getPathQuery();
        HttpFields headers = request.getHeaders();
        if (!hasBody(request)) {
            send(method, pathQuery, headers, null);
            return super.handle(request, response, callback);
        }
        return super.handle(new BodyCopy(request, MAX_BODY, new BodyCopy.Listener() {
            @Override
            public void copied(byte[] body) {
                send(method, pathQuery, headers, body);
            }

            @Override
            public void abandoned() {
                LOG.debug("{}: {} {} not mirrored: its body is over {} bytes or failed", location, method, pathQuery, MAX_BODY);
            }
        }), response, callback);
    }

    /** As Jetty's proxy decides whether to forward a body. */
    private static boolean hasBody(Request request) {
        return request.getLength() > 0 || request.getLength() < 0
                && (request.getHeaders().contains(HttpHeader.CONTENT_TYPE) || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
    }

    private void send(String method, String pathQuery, HttpFields headers, byte[] body) {
        try {
            org.eclipse.jetty.client.Request copy = client.newRequest(target + pathQuery).method(method)
                    .timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .headers(out -> {
                        for (HttpField field : headers) {
                            if (!NOT_COPIED.contains(field.getHeader())) {
                                out.add(field);
                            }
                        }
                    });
            if (body != null) {
                copy.body(new BytesRequestContent(headers.get(HttpHeader.CONTENT_TYPE), body));
            }
            copy.send(result -> {
                if (result.isFailed()) {
                    LOG.debug("{}: mirroring {} {} to {} failed", location, method, pathQuery, target, result.getFailure());
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("{}: cannot mirror {} {} to {}", location, method, pathQuery, target, e);
        }
    }
}
