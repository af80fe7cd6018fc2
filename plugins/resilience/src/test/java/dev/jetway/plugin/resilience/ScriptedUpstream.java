package dev.jetway.plugin.resilience;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * An upstream whose behaviour the query picks, per {@code key} so that tests do not disturb each other. Every request
 * is recorded (its {@code x-retry-attempt} header and body size) before it is answered; waits are timers.
 * <ul>
 *   <li>{@code fail=N&status=S}: the first N requests of the key get status S (default 503), later ones 200;</li>
 *   <li>{@code slow=N&ms=M}: the first N requests (all by default) are answered after M ms;</li>
 *   <li>{@code hangup=N}: the first N requests get their connection closed, no answer;</li>
 *   <li>{@code stream=M}: 200 at once, then three chunks M ms apart.</li>
 * </ul>
 * Each answer's body says what the upstream received: {@code attempt=<x-retry-attempt> bytes=<n> body=<body>}.
 */
final class ScriptedUpstream extends Handler.Abstract {

    /** What one request brought. */
    record Seen(String retryAttempt, int bytes) {
    }

    private final Map<String, List<Seen>> seen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    List<Seen> seen(String key) {
        return seen.getOrDefault(key, List.of());
    }

    void close() {
        timer.shutdownNow();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Fields query = Request.extractQueryParameters(request);
        String key = query.getValue("key");
        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
        List<Seen> requests = seen.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
        requests.add(new Seen(request.getHeaders().get("x-retry-attempt"), body.length()));
        int n = requests.size();
        String report = "attempt=" + request.getHeaders().get("x-retry-attempt") + " bytes=" + body.length()
                + (body.length() <= 64 ? " body=" + body : "");
        if (n <= count(query, "hangup", 0)) {
            request.getConnectionMetaData().getConnection().getEndPoint().close();
            callback.failed(new java.io.IOException("hung up on purpose"));
        } else if (n <= count(query, "fail", 0)) {
            answer(response, callback, count(query, "status", 503), report);
        } else if (query.getValue("ms") != null && n <= count(query, "slow", Integer.MAX_VALUE)) {
            timer.schedule(() -> answer(response, callback, 200, report), count(query, "ms", 0), TimeUnit.MILLISECONDS);
        } else if (query.getValue("stream") != null) {
            stream(response, callback, count(query, "stream", 0), 3);
        } else {
            answer(response, callback, 200, report);
        }
        return true;
    }

    private static int count(Fields query, String name, int otherwise) {
        String value = query.getValue(name);
        return value == null ? otherwise : Integer.parseInt(value);
    }

    private static void answer(Response response, Callback callback, int status, String text) {
        response.setStatus(status);
        Content.Sink.write(response, true, text, callback);
    }

    private void stream(Response response, Callback callback, int ms, int left) {
        response.setStatus(200);
        response.write(left == 0, ByteBuffer.wrap(("chunk " + left + "\n").getBytes(StandardCharsets.UTF_8)),
                Callback.from(() -> {
                    if (left == 0) {
                        callback.succeeded();
                    } else {
                        timer.schedule(() -> stream(response, callback, ms, left - 1), ms, TimeUnit.MILLISECONDS);
                    }
                }, callback::failed));
    }
}
