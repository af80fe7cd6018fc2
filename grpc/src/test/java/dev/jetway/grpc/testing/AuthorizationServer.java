package dev.jetway.grpc.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

/**
 * A real ext_authz service (grpc-java, Envoy's {@code envoy.service.auth.v3.Authorization}) for the tests of this
 * module and of plugins (through the test-jar). It answers each check with what the test's function decides, and
 * never answers when that is {@code null} (for deadline tests); it records every check.
 *
 * <pre>{@code
 * try (AuthorizationServer authz = AuthorizationServer.start(check -> allowed ? OK : DENIED)) {
 *     ... extAuthz: {host: authz.address()} ...
 *     assertEquals("GET", authz.next().getAttributes().getRequest().getHttp().getMethod());
 * }
 * }</pre>
 */
public final class AuthorizationServer implements AutoCloseable {

    private final Server server;
    private final BlockingQueue<CheckRequest> received = new LinkedBlockingQueue<>();

    private AuthorizationServer(Function<CheckRequest, CheckResponse> decide) throws IOException {
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new Service(decide, received)).build().start();
    }

    /** @param decide the answer to a check, or {@code null} to leave it unanswered */
    public static AuthorizationServer start(Function<CheckRequest, CheckResponse> decide) throws IOException {
        return new AuthorizationServer(requireNonNull(decide, "decide"));
    }

    /** {@code 127.0.0.1:<port>}. */
    public String address() {
        return "127.0.0.1:" + server.getPort();
    }

    /** The oldest check not taken yet; waits up to 10 seconds for one. */
    public CheckRequest next() throws InterruptedException {
        CheckRequest check = received.poll(10, TimeUnit.SECONDS);
        if (check == null) {
            throw new AssertionError("the authorization service received no check");
        }
        return check;
    }

    /** Whether every check received was taken with {@link #next()}. */
    public boolean idle() {
        return received.isEmpty();
    }

    /** The HTTP request a check is about. */
    public static AttributeContext.HttpRequest http(CheckRequest check) {
        return check.getAttributes().getRequest().getHttp();
    }

    /** A header to change, with Envoy's default action for an unset {@code append} (overwrite). */
    public static HeaderValueOption header(String name, String value) {
        return HeaderValueOption.newBuilder().setHeader(HeaderValue.newBuilder().setKey(name).setValue(value)).build();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static final class Service extends AuthorizationGrpc.AuthorizationImplBase {
        private final Function<CheckRequest, CheckResponse> decide;
        private final BlockingQueue<CheckRequest> received;

        Service(Function<CheckRequest, CheckResponse> decide, BlockingQueue<CheckRequest> received) {
            this.decide = decide;
            this.received = received;
        }

        @Override
        public void check(CheckRequest request, StreamObserver<CheckResponse> answer) {
            received.add(request);
            CheckResponse response = decide.apply(request);
            if (response != null) {
                answer.onNext(response);
                answer.onCompleted();
            }
        }
    }
}
