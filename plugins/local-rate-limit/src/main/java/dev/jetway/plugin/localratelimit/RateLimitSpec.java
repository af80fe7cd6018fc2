package dev.jetway.plugin.localratelimit;

import java.time.Duration;

/**
 * One bucket of {@code localRateLimit: [{maxTokens: 10, tokensPerFill: 1, fillInterval: 1s}]}.
 *
 * @param maxTokens the bucket's capacity, and what it holds at the start
 * @param tokensPerFill how many tokens each fill adds (at most {@code maxTokens})
 * @param fillInterval how often a fill happens
 * @param type what a token stands for: {@code requests} (the default); {@code tokens} is refused
 */
public record RateLimitSpec(Long maxTokens, Long tokensPerFill, Duration fillInterval, RateLimitType type) {
}
