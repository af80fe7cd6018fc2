package dev.jetway.plugin.remoteratelimit;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

import dev.jetway.api.http.PlainText;
import dev.jetway.grpc.GrpcChannel;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitRequest;
import io.envoyproxy.envoy.service.ratelimit.v3.RateLimitResponse;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the rate limit service about each request whose descriptors evaluate, without waiting in {@code handle}:
 * the answer resumes the request on the HTTP client's threads. OK passes it on (with the headers the service
 * adds), anything else is a 429; a failed call passes (failOpen) or is a 500 (failClosed).
 */
final class RemoteRateLimitHandler extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteRateLimitHandler.class);

    static final String SHOULD_RATE_LIMIT = "/envoy.service.ratelimit.v3.RateLimitService/ShouldRateLimit";

    private final String domain;
    private final DescriptorSet descriptors;
    private final GrpcChannel channel;
    private final boolean failOpen;

    RemoteRateLimitHandler(String domain, DescriptorSet descriptors, GrpcChannel channel, boolean failOpen) {
        this.domain = requireNonNull(domain, "domain");
        this.descriptors = requireNonNull(descriptors, "descriptors");
        this.channel = requireNonNull(channel, "channel");
        this.failOpen = failOpen;
        addBean(channel, true);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Optional<RateLimitRequest> check = descriptors.evaluate(domain, request);
        if (check.isEmpty()) {
            return super.handle(request, response, callback);
        }
        channel.call(SHOULD_RATE_LIMIT, check.get(), RateLimitResponse.parser())
                .whenComplete((answer, failure) -> answered(answer, failure, request, response, callback));
        return true;
    }

    private void answered(RateLimitResponse answer, Throwable failure, Request request, Response response, Callback callback) {
        try {
            if (failure != null) {
                failed(failure, request, response, callback);
            } else if (answer.getOverallCode() == RateLimitResponse.Code.OK) {
                ServiceHeaders.put(response.getHeaders(), answer.getResponseHeadersToAddList());
                proceed(ServiceHeaders.forward(request, answer.getRequestHeadersToAddList()), response, callback);
            } else {
                OverLimitResponse.send(answer, response, callback);
            }
        } catch (Throwable x) {
            // Such as a header the service asked for that HTTP does not allow: the future would swallow it.
            Response.writeError(request, response, callback, x);
        }
    }

    private void failed(Throwable failure, Request request, Response response, Callback callback) {
        LOG.warn("Rate limit service {} failed (domain {}): {}; {}", channel.authority(), domain, failure.getMessage(),
                failOpen ? "the request passes (failureMode: failOpen)" : "the request is denied (failureMode: failClosed)");
        if (failOpen) {
            proceed(request, response, callback);
        } else {
            PlainText.send(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, "rate limit service unavailable");
        }
    }

    /** The rest of the chain, called after {@code handle} returned true: it must answer, as Jetty would. */
    private void proceed(Request request, Response response, Callback callback) {
        try {
            if (!super.handle(request, response, callback)) {
                Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            }
        } catch (Throwable x) {
            Response.writeError(request, response, callback, x);
        }
    }
}
