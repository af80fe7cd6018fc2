package dev.jetway.plugin.mcp;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code failureMode}: what a failing target does to requests that fan out and to sessions that initialize. */
public enum McpFailureMode {
    /** Any failing target fails the request (the default). */
    @JsonProperty("failClosed") FAIL_CLOSED,
    /** Failing targets are skipped; only when all fail does the request fail. */
    @JsonProperty("failOpen") FAIL_OPEN
}
