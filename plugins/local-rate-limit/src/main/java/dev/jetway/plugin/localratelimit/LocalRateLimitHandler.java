package dev.jetway.plugin.localratelimit;

import java.util.List;

import dev.jetway.api.http.PlainText;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The {@code localRateLimit} policy: a request passes when each bucket, in order, gives it a token (a bucket that
 * refuses does not give back the tokens of those before it, as in agentgateway v1.1), else it is answered 429
 * {@code rate limit exceeded}. Both answers carry {@code x-ratelimit-limit}, {@code x-ratelimit-remaining} and
 * {@code x-ratelimit-reset} (seconds to the next fill): of the refusing bucket, or of the one with fewest tokens left.
 */
final class LocalRateLimitHandler extends Handler.Wrapper {

    private final List<TokenBucket> buckets;

    /** @param buckets at least one */
    LocalRateLimitHandler(List<TokenBucket> buckets) {
        this.buckets = List.copyOf(buckets);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        TokenBucket.Verdict tightest = null;
        for (TokenBucket bucket : buckets) {
            TokenBucket.Verdict verdict = bucket.take();
            if (!verdict.allowed()) {
                verdict.addHeaders(response);
                PlainText.send(response, callback, HttpStatus.TOO_MANY_REQUESTS_429, "rate limit exceeded");
                return true;
            }
            if (tightest == null || verdict.remaining() < tightest.remaining()) {
                tightest = verdict;
            }
        }
        tightest.addHeaders(response);
        return super.handle(request, response, callback);
    }
}
