package dev.jetway.plugin.extauthz;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CompletionException;

import dev.jetway.grpc.GrpcChannel;
import dev.jetway.grpc.extauthz.AuthzDecision;
import dev.jetway.grpc.extauthz.GrpcAuthzCheck;
import dev.jetway.plugin.extauthz.spi.AuthzCheck;
import dev.jetway.plugin.extauthz.spi.CheckBody;
import dev.jetway.plugin.extauthz.spi.Verdict;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.component.ContainerLifeCycle;

/**
 * One gRPC check per request: the request, its filter metadata and the start of its body go to the service, whose
 * decision becomes the verdict; a failed call (down, deadline, a non-OK gRPC status) fails the promise, so that
 * {@code failureMode} applies. Owns the channel, which the policy's handler starts and stops through this check.
 */
final class GrpcCheck extends ContainerLifeCycle implements AuthzCheck {

    private final GrpcAuthzCheck check;
    private final FilterMetadata metadata;
    private final boolean packAsBytes;

    GrpcCheck(GrpcChannel channel, GrpcAuthzCheck check, FilterMetadata metadata, boolean packAsBytes) {
        this.check = requireNonNull(check, "check");
        this.metadata = requireNonNull(metadata, "metadata");
        this.packAsBytes = packAsBytes;
        addBean(requireNonNull(channel, "channel"), true);
    }

    @Override
    public void check(Request request, CheckBody body, Promise<Verdict> verdict) {
        check.check(request, metadata.evaluate(request), body == null ? null : body.bytes(), packAsBytes)
                .whenComplete((decision, failure) -> decided(decision, failure, verdict));
    }

    private static void decided(AuthzDecision decision, Throwable failure, Promise<Verdict> verdict) {
        if (failure != null) {
            // The future wraps the channel's GrpcException, whose status says what went wrong.
            verdict.failed(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
            return;
        }
        Verdict decided;
        try {
            decided = GrpcVerdicts.of(decision);
        } catch (RuntimeException e) {
            // Such as a header name HTTP does not allow: the future would swallow it and the request would hang.
            verdict.failed(e);
            return;
        }
        verdict.succeeded(decided);
    }
}
