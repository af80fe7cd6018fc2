package dev.jetway.grpc;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * Unary gRPC calls to one service over the gateway's HTTP client: HTTP/2 over cleartext with prior knowledge (h2c),
 * as grpc-java's and Envoy's plaintext channels speak it. Nothing blocks: {@link #call} returns at once and its
 * future completes on the client's threads. Make it a bean of the handler that uses it: stopping it fails the calls
 * in flight, so that no answer is acted on after the policy is gone.
 *
 * <pre>{@code
 * GrpcChannel channel = new GrpcChannel(context.httpClient(), "127.0.0.1:8081", Duration.ofSeconds(1));
 * addBean(channel, true);
 * channel.call("/envoy.service.ratelimit.v3.RateLimitService/ShouldRateLimit", request, RateLimitResponse.parser())
 *        .whenComplete((answer, failure) -> ...);
 * }</pre>
 */
public final class GrpcChannel extends AbstractLifeCycle {

    private static final String GRPC = "application/grpc";

    private final HttpClient client;
    private final String authority;
    private final Duration deadline;
    private final Set<Request> inFlight = ConcurrentHashMap.newKeySet();

    /**
     * @param client    an HTTP client whose transport speaks HTTP/2 to cleartext origins when asked for it
     *                  ({@link org.eclipse.jetty.client.transport.HttpClientTransportDynamic} with HTTP/2, as the
     *                  kernel's); not stopped by this channel
     * @param authority {@code host:port} of the service
     * @param deadline  how long a call may take, sent as {@code grpc-timeout} and enforced here
     */
    public GrpcChannel(HttpClient client, String authority, Duration deadline) {
        this.client = requireNonNull(client, "client");
        this.authority = requireNonNull(authority, "authority");
        this.deadline = requireNonNull(deadline, "deadline");
    }

    public String authority() {
        return authority;
    }

    /**
     * Calls {@code method} with {@code message}.
     *
     * @param method the full method path, {@code /<package>.<Service>/<Method>}
     * @return the answer, or a {@link GrpcException} carrying the status
     */
    public <T> CompletableFuture<T> call(String method, MessageLite message, Parser<T> parser) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        if (!isRunning()) {
            answer.completeExceptionally(new GrpcException(GrpcException.UNAVAILABLE, "the channel to " + authority
                    + " is " + getState(), null));
            return answer;
        }
        Request request = client.newRequest("http://" + authority + method)
                .method(HttpMethod.POST)
                .version(HttpVersion.HTTP_2)
                .headers(headers -> headers.put("te", "trailers").put("grpc-timeout", timeout(deadline)))
                .body(new BytesRequestContent(GRPC, GrpcFrames.frame(message)))
                .timeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
        inFlight.add(request);
        try {
            request.send(new UnaryResponse<>(parser, answer, () -> inFlight.remove(request)));
        } catch (RuntimeException e) {
            // Such as a client without an HTTP/2 transport: no connection can be chosen for the request.
            inFlight.remove(request);
            answer.completeExceptionally(new GrpcException(GrpcException.UNAVAILABLE, String.valueOf(e.getMessage()), e));
        }
        return answer;
    }

    @Override
    protected void doStop() throws Exception {
        for (Request request : inFlight) {
            request.abort(new GrpcException(GrpcException.CANCELLED, "the channel to " + authority + " stopped", null));
        }
        super.doStop();
    }

    /** gRPC's timeout header: at most 8 digits and a unit. */
    static String timeout(Duration deadline) {
        long millis = Math.max(1, deadline.toMillis());
        return millis < 100_000_000 ? millis + "m" : Math.min(99_999_999, deadline.toSeconds()) + "S";
    }

    @Override
    public String toString() {
        return "GrpcChannel[" + authority + "]";
    }
}
