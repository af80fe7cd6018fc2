package dev.jetway.core.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * A real Jetty upstream that answers each request with its description: {@code METHOD /path?query}, then one
 * {@code name: value} line per header (names in lower case, sorted), an empty line and the body. It keeps the
 * descriptions too, for tests that cannot see the answer (a mirror's). Query parameters shape the answer:
 * {@code status=N} sets its status, {@code delayMs=N} holds it back, {@code chunks=N} streams it in N flushed parts.
 * Every answer carries {@code x-upstream: echo}.
 */
public final class EchoUpstream implements AutoCloseable {

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final Upstream upstream;

    private EchoUpstream() throws Exception {
        this.upstream = Upstream.start(new Echo());
    }

    public static EchoUpstream start() throws Exception {
        return new EchoUpstream();
    }

    /** {@code 127.0.0.1:<port>}, as a {@code host} backend takes it. */
    public String address() {
        return upstream.address();
    }

    public int port() {
        return upstream.port();
    }

    /** The description of the next request that reached this upstream, or {@code null} if none came within {@code wait}. */
    public String next(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws Exception {
        upstream.close();
    }

    private final class Echo extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String headers = request.getHeaders().stream()
                    .map(f -> f.getName().toLowerCase(Locale.ROOT) + ": " + f.getValue()).sorted().collect(Collectors.joining("\n"));
            String description = request.getMethod() + " " + request.getHttpURI().getPathQuery() + "\n" + headers + "\n\n"
                    + Content.Source.asString(request, StandardCharsets.UTF_8);
            received.add(description);
            Fields query = Request.extractQueryParameters(request);
            String delay = query.getValue("delayMs");
            if (delay != null) {
                Thread.sleep(Long.parseLong(delay));
            }
            String status = query.getValue("status");
            response.setStatus(status == null ? 200 : Integer.parseInt(status));
            response.getHeaders().put("x-upstream", "echo");
            String chunks = query.getValue("chunks");
            int parts = chunks == null ? 1 : Integer.parseInt(chunks);
            byte[] body = description.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < parts; i++) {
                int from = body.length * i / parts;
                int to = body.length * (i + 1) / parts;
                Content.Sink.write(response, false, java.nio.ByteBuffer.wrap(body, from, to - from));
            }
            response.write(true, java.nio.ByteBuffer.allocate(0), callback);
            return true;
        }
    }
}
