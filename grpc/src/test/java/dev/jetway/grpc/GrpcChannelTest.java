package dev.jetway.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.jetway.grpc.testing.RateLimitServer;
import io.envoyproxy.envoy.extensions.common.ratelimit.v3.RateLimitDescriptor;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitRequest;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Unary calls to grpc-java's server over a Jetty client built like the kernel's (HTTP/1.1, and HTTP/2 when asked). */
class GrpcChannelTest {

    private static final String METHOD = "/envoy.service.ratelimit.v3.RateLimitService/ShouldRateLimit";

    private RateLimitServer server;
    private HttpClient client;

    @BeforeEach
    void start() throws Exception {
        server = RateLimitServer.start(1);
        ClientConnector connector = new ClientConnector();
        client = new HttpClient(new HttpClientTransportDynamic(connector, HttpClientConnectionFactory.HTTP11,
                new ClientConnectionFactoryOverHTTP2.HTTP2(new HTTP2Client(connector))));
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        server.close();
    }

    private static RateLimitRequest request(String key) {
        return RateLimitRequest.newBuilder().setDomain("d").addDescriptors(RateLimitDescriptor.newBuilder()
                .addEntries(RateLimitDescriptor.Entry.newBuilder().setKey(key).setValue("v"))).build();
    }

    private GrpcChannel channel(Duration deadline) throws Exception {
        GrpcChannel channel = new GrpcChannel(client, server.address(), deadline);
        channel.start();
        return channel;
    }

    private static GrpcException failure(CompletableFuture<?> call) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(30, TimeUnit.SECONDS));
        return assertInstanceOf(GrpcException.class, e.getCause());
    }

    @Test
    void answersAreParsedAndServiceStatusesReported() throws Exception {
        GrpcChannel channel = channel(Duration.ofSeconds(30));
        RateLimitResponse ok = channel.call(METHOD, request("k"), RateLimitResponse.parser()).get(30, TimeUnit.SECONDS);
        assertEquals(RateLimitResponse.Code.OK, ok.getOverallCode());
        RateLimitResponse over = channel.call(METHOD, request("k"), RateLimitResponse.parser()).get(30, TimeUnit.SECONDS);
        assertEquals(RateLimitResponse.Code.OVER_LIMIT, over.getOverallCode());
        // grpc-java answers an unknown method with UNIMPLEMENTED (12), in a trailers-only response.
        GrpcException unimplemented = failure(channel.call("/envoy.service.ratelimit.v3.RateLimitService/Nope",
                request("k"), RateLimitResponse.parser()));
        assertEquals(12, unimplemented.status());
    }

    @Test
    void theDeadlineEndsACallThatIsNotAnswered() throws Exception {
        GrpcChannel channel = channel(Duration.ofMillis(200));
        assertEquals(GrpcException.DEADLINE_EXCEEDED, failure(channel.call(METHOD, request("hang"), RateLimitResponse.parser())).status());
    }

    @Test
    void stoppingTheChannelCancelsItsCallsInFlightAndRefusesNewOnes() throws Exception {
        GrpcChannel channel = channel(Duration.ofSeconds(30));
        CompletableFuture<RateLimitResponse> hanging = channel.call(METHOD, request("hang"), RateLimitResponse.parser());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.requests().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        channel.stop();
        assertEquals(GrpcException.CANCELLED, failure(hanging).status());
        assertEquals(GrpcException.UNAVAILABLE, failure(channel.call(METHOD, request("k"), RateLimitResponse.parser())).status());
    }

    @Test
    void theTimeoutHeaderHasAtMostEightDigits() {
        assertEquals("250m", GrpcChannel.timeout(Duration.ofMillis(250)));
        assertEquals("1m", GrpcChannel.timeout(Duration.ZERO));
        assertEquals("100000S", GrpcChannel.timeout(Duration.ofSeconds(100_000)));
    }
}
