package dev.jetway.plugin.host;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * What the test upstream does: describe the request, count an uploaded body, stream a generated one, or hold requests
 * until a number of them are in flight together.
 */
final class TestUpstreamHandlers extends Handler.Abstract {

    private static final ConcurrentHashMap<String, Gathering> GATHERINGS = new ConcurrentHashMap<>();

    /**
     * Requests of one name, each answered (without holding a thread) when {@code expected} of them are in, or after a
     * few seconds anyway.
     */
    private record Gathering(int expected, AtomicInteger arrived, CompletableFuture<Void> all) {
        void arrive() {
            if (arrived.incrementAndGet() == expected) {
                all.complete(null);
            }
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (path.startsWith("/upload")) {
            long count = 0;
            byte[] buffer = new byte[65536];
            try (InputStream in = Content.Source.asInputStream(request)) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    count += n;
                }
            }
            response.setStatus(200);
            Content.Sink.write(response, true, "received " + count + "\n", callback);
        } else if (path.startsWith("/gather")) {
            Fields query = Request.extractQueryParameters(request);
            int expected = Integer.parseInt(query.getValue("n"));
            Gathering gathering = GATHERINGS.computeIfAbsent(query.getValue("name"),
                    name -> new Gathering(expected, new AtomicInteger(), new CompletableFuture<>()));
            gathering.arrive();
            gathering.all().completeOnTimeout(null, 5, TimeUnit.SECONDS).thenRun(() -> {
                int arrived = gathering.arrived().get();
                response.setStatus(200);
                Content.Sink.write(response, true, arrived >= expected ? "all " + expected + " in flight together\n"
                        : "only " + arrived + " of " + expected + " in flight together\n", callback);
            });
        } else if (path.startsWith("/download")) {
            Fields query = Request.extractQueryParameters(request);
            long size = Long.parseLong(query.getValue("bytes"));
            response.setStatus(200);
            response.getHeaders().put("content-type", "application/octet-stream");
            byte[] chunk = new byte[65536];
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                for (long left = size; left > 0; left -= chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
            }
            callback.succeeded();
        } else {
            String headers = request.getHeaders().stream()
                    .map(HttpField::toString).map(s -> s.toLowerCase(java.util.Locale.ROOT)).sorted().collect(Collectors.joining("\n"));
            String body = Content.Source.asString(request, StandardCharsets.UTF_8);
            response.setStatus(path.startsWith("/status/") ? Integer.parseInt(path.substring(8)) : 200);
            response.getHeaders().put("x-upstream", "yes");
            Content.Sink.write(response, true, request.getMethod() + " " + request.getHttpURI().getPathQuery()
                    + "\n" + headers + "\n\n" + body, callback);
        }
        return true;
    }
}
