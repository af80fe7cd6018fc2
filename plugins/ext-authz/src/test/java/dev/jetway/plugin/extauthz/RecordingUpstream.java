package dev.jetway.plugin.extauthz;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.jetway.core.testing.Upstream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** A real upstream that records what reached it and answers {@code upstream}. */
final class RecordingUpstream implements AutoCloseable {

    /** One request as the upstream received it. */
    record Received(String pathQuery, org.eclipse.jetty.http.HttpFields headers, String body) {
    }

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final Upstream upstream;

    RecordingUpstream() throws Exception {
        upstream = Upstream.start(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                received.add(new Received(request.getHttpURI().getPathQuery(), request.getHeaders().asImmutable(), body));
                response.write(true, ByteBuffer.wrap("upstream".getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
    }

    String address() {
        return upstream.address();
    }

    Received next() throws InterruptedException {
        Received request = received.poll(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the upstream received nothing");
        }
        return request;
    }

    boolean idle() {
        return received.isEmpty();
    }

    @Override
    public void close() throws Exception {
        upstream.close();
    }
}
