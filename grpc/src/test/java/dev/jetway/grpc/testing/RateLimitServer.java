package dev.jetway.grpc.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.google.protobuf.Duration;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.extensions.common.ratelimit.v3.RateLimitDescriptor;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitRequest;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse.Code;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse.DescriptorStatus;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse.RateLimit;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitServiceGrpc;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

/**
 * A real rate limit service (grpc-java, Envoy's RLS protocol) for the tests of this module and of plugins (through
 * the test-jar): every descriptor has the same limit per
 * minute, counted per descriptor (its entries, in order). A descriptor with the key {@code hang} is never answered,
 * for deadline tests. It records each request, and on OK asks the gateway to add {@code x-rls-checked} to the
 * request it forwards and {@code x-rls: ok} to the response.
 */
public final class RateLimitServer implements AutoCloseable {

    private final Server server;
    private final List<RateLimitRequest> received = new CopyOnWriteArrayList<>();

    private RateLimitServer(int limit) throws IOException {
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new Service(limit, received)).build().start();
    }

    public static RateLimitServer start(int limit) throws IOException {
        return new RateLimitServer(limit);
    }

    public String address() {
        return "127.0.0.1:" + server.getPort();
    }

    /** The requests received so far, each descriptor as {@code key=value,key=value}. */
    public List<List<String>> descriptors() {
        return received.stream().map(request -> request.getDescriptorsList().stream().map(RateLimitServer::describe)
                .toList()).toList();
    }

    public List<RateLimitRequest> requests() {
        return List.copyOf(received);
    }

    public static String describe(RateLimitDescriptor descriptor) {
        return descriptor.getEntriesList().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static final class Service extends RateLimitServiceGrpc.RateLimitServiceImplBase {
        private final int limit;
        private final List<RateLimitRequest> received;
        private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();

        Service(int limit, List<RateLimitRequest> received) {
            this.limit = limit;
            this.received = received;
        }

        @Override
        public void shouldRateLimit(RateLimitRequest request, StreamObserver<RateLimitResponse> answer) {
            received.add(request);
            if (request.getDescriptorsList().stream().anyMatch(d -> describe(d).startsWith("hang="))) {
                return;
            }
            RateLimitResponse.Builder response = RateLimitResponse.newBuilder().setOverallCode(Code.OK);
            for (RateLimitDescriptor descriptor : request.getDescriptorsList()) {
                int used = counters.computeIfAbsent(request.getDomain() + "/" + describe(descriptor),
                        k -> new AtomicInteger()).incrementAndGet();
                boolean over = used > limit;
                if (over) {
                    response.setOverallCode(Code.OVER_LIMIT);
                }
                response.addStatuses(DescriptorStatus.newBuilder().setCode(over ? Code.OVER_LIMIT : Code.OK)
                        .setCurrentLimit(RateLimit.newBuilder().setRequestsPerUnit(limit).setUnit(RateLimit.Unit.MINUTE))
                        .setLimitRemaining(Math.max(0, limit - used))
                        .setDurationUntilReset(Duration.newBuilder().setSeconds(42)));
            }
            if (response.getOverallCode() == Code.OK) {
                response.addRequestHeadersToAdd(HeaderValue.newBuilder().setKey("x-rls-checked").setValue(request.getDomain()))
                        .addResponseHeadersToAdd(HeaderValue.newBuilder().setKey("x-rls").setValue("ok"));
            }
            answer.onNext(response.build());
            answer.onCompleted();
        }
    }
}
