package dev.jetway.plugin.localratelimit;

import java.util.ArrayList;
import java.util.List;

import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.PolicyFactory;
import org.eclipse.jetty.server.Handler;
import org.pf4j.Extension;

/**
 * {@code localRateLimit: [{maxTokens: 10, tokensPerFill: 1, fillInterval: 1s}]}: token buckets kept in this gateway,
 * one per listed entry, shared by all callers of the route. A reload that leaves the route's settings as they were
 * keeps the route, and so its buckets with the tokens they have left.
 */
@Extension
public final class LocalRateLimitFactory implements PolicyFactory<RateLimitSpec[]> {

    @Override
    public String type() {
        return "localRateLimit";
    }

    @Override
    public Class<RateLimitSpec[]> configType() {
        return RateLimitSpec[].class;
    }

    @Override
    public int order() {
        return ORDER_RATE_LIMIT;
    }

    @Override
    public Handler.Wrapper create(RateLimitSpec[] config, FactoryContext context) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        List<TokenBucket> buckets = new ArrayList<>();
        for (int i = 0; i < config.length; i++) {
            TokenBucket bucket = bucket(config[i], "[" + i + "]", problems);
            if (bucket != null) {
                buckets.add(bucket);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return buckets.isEmpty() ? new Handler.Wrapper() : new LocalRateLimitHandler(buckets);
    }

    /** The bucket {@code spec} describes, or {@code null} with its problems recorded. */
    private static TokenBucket bucket(RateLimitSpec spec, String at, List<ConfigProblem> problems) {
        if (spec == null) {
            problems.add(new ConfigProblem(at, "expected a bucket such as {maxTokens: 10, tokensPerFill: 1, fillInterval: 1s}"));
            return null;
        }
        int before = problems.size();
        if (spec.type() == RateLimitType.TOKENS) {
            problems.add(new ConfigProblem(at + ".type", "type \"tokens\" counts LLM tokens, and jetway has no LLM backend;"
                    + " use type: requests"));
        }
        boolean capacity = spec.maxTokens() != null && spec.maxTokens() >= 1;
        if (!capacity) {
            problems.add(new ConfigProblem(at + ".maxTokens", "maxTokens must be 1 or more (the bucket's capacity), not "
                    + spec.maxTokens()));
        }
        if (spec.tokensPerFill() == null || spec.tokensPerFill() < 1) {
            problems.add(new ConfigProblem(at + ".tokensPerFill", "tokensPerFill must be 1 or more (tokens added each"
                    + " fillInterval), not " + spec.tokensPerFill()));
        } else if (capacity && spec.tokensPerFill() > spec.maxTokens()) {
            problems.add(new ConfigProblem(at + ".tokensPerFill", "tokensPerFill (" + spec.tokensPerFill()
                    + ") cannot be more than maxTokens (" + spec.maxTokens() + ")"));
        }
        if (spec.fillInterval() == null) {
            problems.add(new ConfigProblem(at + ".fillInterval", "fillInterval is required, such as 1s"));
        } else if (spec.fillInterval().isZero()) {
            problems.add(new ConfigProblem(at + ".fillInterval", "fillInterval must be longer than 0, such as 1s"));
        } else if (spec.tokensPerFill() != null && spec.tokensPerFill() > spec.fillInterval().toNanos()) {
            // bucket4j counts at most one token a nanosecond.
            problems.add(new ConfigProblem(at + ".tokensPerFill", "tokensPerFill (" + spec.tokensPerFill()
                    + ") is more than one token per nanosecond of fillInterval; use a longer fillInterval"));
        }
        return problems.size() > before ? null : new TokenBucket(spec.maxTokens(), spec.tokensPerFill(), spec.fillInterval());
    }
}
