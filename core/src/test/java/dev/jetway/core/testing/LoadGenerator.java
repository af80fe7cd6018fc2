package dev.jetway.core.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends requests at a fixed rate (open loop, so a stall shows up as failures rather than as a slower test) and keeps
 * every failure: a non-2xx status or an I/O error.
 */
public final class LoadGenerator implements AutoCloseable {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    /** Starts sending GET {@code url} at {@code perSecond} requests per second. */
    public LoadGenerator(String url, int perSecond) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
        scheduler.scheduleAtFixedRate(() -> {
            sent.incrementAndGet();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                if (error != null) {
                    failures.add(error.toString());
                } else if (response.statusCode() / 100 != 2) {
                    failures.add(response.statusCode() + " " + response.body().trim());
                } else {
                    succeeded.incrementAndGet();
                }
            });
        }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    }

    public long sent() {
        return sent.get();
    }

    public long succeeded() {
        return succeeded.get();
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Stops sending and waits for the answers still due. */
    @Override
    public void close() throws InterruptedException {
        scheduler.shutdownNow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (succeeded.get() + failures.size() < sent.get() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
