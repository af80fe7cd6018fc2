package dev.jetway.plugin.jwtauth;

import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RefreshAheadCachingJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.events.Event;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JWKS fetched from a URL with nimbus' {@link JWKSourceBuilder}: cached for 5 minutes and refreshed on a schedule
 * 30 s before it expires, fetched again when a token names a key not seen yet (rotation), at most twice per 10 s
 * (nimbus' default is 30 s; 10 s lets a provider that was down at start be picked up soon), with one retry and
 * the last good keys kept for 50 minutes of provider outage.
 *
 * <p>Requests never wait on nimbus' locks: each load's keys are copied into a snapshot that {@link #find} reads, and
 * only a token whose key is missing (or a snapshot past its time) waits, asynchronously, for a fetch on this
 * source's own thread. A failed first load does not stop the gateway: it is retried in the background, and tokens
 * are refused with 401 until the keys are in.
 */
final class RemoteKeys extends AbstractLifeCycle implements SigningKeys {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteKeys.class);
    private static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);
    private static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration REFRESH_AHEAD = Duration.ofSeconds(30);
    private static final Duration RATE_LIMIT = Duration.ofSeconds(10);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);

    /** The usable keys of the last load, and until when nimbus counts them fresh. */
    private record Snapshot(Map<String, VerificationKey> keys, long freshUntil) {
    }

    private final URL url;
    private final String issuer;
    private final HttpClient client;
    private volatile Snapshot snapshot;
    private final AtomicReference<CompletableFuture<Void>> inFlight = new AtomicReference<>();
    private ScheduledThreadPoolExecutor executor;
    private JWKSetBasedJWKSource<SecurityContext> source;

    RemoteKeys(URL url, String issuer, HttpClient client) {
        this.url = url;
        this.issuer = issuer;
        this.client = client;
    }

    @Override
    protected void doStart() {
        executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "jwks " + url.getHost());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        source = (JWKSetBasedJWKSource<SecurityContext>) JWKSourceBuilder
                .<SecurityContext>create(url, new JettyResourceRetriever(client))
                .cache(TIME_TO_LIVE.toMillis(), REFRESH_TIMEOUT.toMillis(), this::onEvent)
                .refreshAheadCache(REFRESH_AHEAD.toMillis(), this::onEvent, executor, false, executor, false)
                .rateLimited(RATE_LIMIT.toMillis())
                .retrying(true)
                .outageTolerant(true)
                .build();
        executor.execute(() -> firstLoad(Duration.ofSeconds(1)));
    }

    @Override
    protected void doStop() throws Exception {
        executor.shutdownNow();
        source.close();
    }

    private void firstLoad(Duration nextDelay) {
        if (snapshot != null) {
            return;
        }
        if (!client.isStarted()) {
            // The gateway's client starts with the server, alongside this source: wait for it quietly.
            schedule(() -> firstLoad(nextDelay), Duration.ofMillis(50));
            return;
        }
        try {
            load();
            LOG.info("Loaded the JWKS of {} from {}: keys {}", issuer, url, snapshot.keys().keySet());
        } catch (KeySourceException e) {
            LOG.warn("Cannot load the JWKS of {} from {} ({}); its tokens are refused with 401 until it loads,"
                    + " trying again in {} s", issuer, url, e.getMessage(), nextDelay.toSeconds());
            Duration after = nextDelay.multipliedBy(2);
            schedule(() -> firstLoad(after.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : after), nextDelay);
        }
    }

    private void schedule(Runnable task, Duration delay) {
        try {
            executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // stopped meanwhile
        }
    }

    /** Loads through nimbus' cache (forcing a fetch), which reports the keys to {@link #onEvent}. */
    private void load() throws KeySourceException {
        source.getJWKSetSource().getJWKSet(JWKSetCacheRefreshEvaluator.forceRefresh(), System.currentTimeMillis(), null);
    }

    private void onEvent(Event<CachingJWKSetSource<SecurityContext>, SecurityContext> event) {
        if (event instanceof CachingJWKSetSource.RefreshCompletedEvent<SecurityContext> done) {
            update(done.getJWKSet());
        } else if (event instanceof RefreshAheadCachingJWKSetSource.ScheduledRefreshCompletedEvent<SecurityContext> done) {
            update(done.getJWKSet());
        }
    }

    private void update(JWKSet set) {
        Map<String, VerificationKey> keys = new HashMap<>();
        for (JWK jwk : set.getKeys()) {
            try {
                VerificationKey key = VerificationKey.of(jwk);
                keys.put(key.kid(), key);
            } catch (IllegalArgumentException e) {
                LOG.debug("JWKS of {} from {}: skipped a key: {}", issuer, url, e.getMessage());
            }
        }
        snapshot = new Snapshot(Map.copyOf(keys), System.currentTimeMillis() + TIME_TO_LIVE.toMillis());
    }

    @Override
    public VerificationKey find(String kid) {
        Snapshot current = snapshot;
        return current == null || current.freshUntil() < System.currentTimeMillis() ? null : current.keys().get(kid);
    }

    @Override
    public CompletableFuture<Void> refresh(String kid) {
        // One fetch serves every token waiting on this source, whatever key each one names.
        CompletableFuture<Void> fresh = new CompletableFuture<>();
        CompletableFuture<Void> running = inFlight.compareAndExchange(null, fresh);
        if (running != null) {
            return running;
        }
        try {
            executor.execute(() -> {
                try {
                    load();
                } catch (KeySourceException e) {
                    LOG.debug("JWKS of {} from {} not refreshed for kid {}: {}", issuer, url, kid, e.toString());
                } finally {
                    inFlight.set(null);
                    fresh.complete(null);
                }
            });
        } catch (RejectedExecutionException stopping) {
            inFlight.set(null);
            fresh.complete(null);
        }
        return fresh;
    }

    @Override
    public boolean loaded() {
        return snapshot != null;
    }

    @Override
    public String toString() {
        return "JWKS of " + issuer + " from " + url;
    }
}
