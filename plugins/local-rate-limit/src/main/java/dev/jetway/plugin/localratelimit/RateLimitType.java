package dev.jetway.plugin.localratelimit;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code type}: what a bucket's tokens count. */
public enum RateLimitType {
    /** One token per request (the default). */
    @JsonProperty("requests") REQUESTS,
    /** LLM tokens of requests and responses; refused, as jetway has no LLM backend. */
    @JsonProperty("tokens") TOKENS
}
