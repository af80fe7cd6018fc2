package dev.jetway.plugin.jwtauth;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Fetches a JWKS for nimbus over the gateway's HTTP client, so that JWKS URLs get what every outgoing call of the
 * gateway gets (its trust roots and TLS settings, HTTP/2, pooled connections, its threads) and are stopped with it.
 * Blocks the calling thread: nimbus calls it from the key source's own thread, never from a request's.
 */
final class JettyResourceRetriever implements ResourceRetriever {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** A JWKS is a few kilobytes; this bounds what a misbehaving URL can make the gateway buffer. */
    static final int MAX_BYTES = 256 * 1024;

    private final HttpClient client;

    JettyResourceRetriever(HttpClient client) {
        this.client = client;
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        Request request;
        try {
            request = client.newRequest(url.toURI()).timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .headers(headers -> headers.put(HttpHeader.ACCEPT, "application/json"));
        } catch (URISyntaxException e) {
            throw new IOException("not a URL: " + url, e);
        }
        try {
            ContentResponse response = new CompletableResponseListener(request, MAX_BYTES).send().get();
            if (response.getStatus() != 200) {
                throw new IOException("HTTP " + response.getStatus() + " from " + url);
            }
            return new Resource(response.getContentAsString(), response.getMediaType());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException(url + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching " + url);
        }
    }
}
