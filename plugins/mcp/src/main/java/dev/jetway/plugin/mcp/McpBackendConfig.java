package dev.jetway.plugin.mcp;

import java.time.Duration;
import java.util.List;

/**
 * The {@code mcp} backend, as agentgateway's {@code LocalMcpBackend} ({@code targets}, {@code statefulMode},
 * {@code prefixMode}, {@code failureMode}), plus jetway's limits:
 *
 * @param requestTimeout     how long a target may take to answer a request (progress restarts the clock); default 60s
 * @param sessionIdleTimeout how long a session lives without requests or an open stream; default 30m
 * @param maxRequestBodySize the largest request body accepted, in bytes; default 4 MiB
 * @param keepAliveInterval  how long an event stream stays silent before a keep-alive comment; default 15s
 * @param sessionMaxAge      how long a session id is valid after it was issued, however active; default 24h
 * @param maxSessions        how many sessions may be open at once; default 100 when a target is stdio (each session
 *                           runs its own child process), else 10,000
 * @param maxBatchSize       how many messages one JSON-RPC batch may hold; default 100
 * @param maxRequestsInFlight how many requests one session may have waiting for targets; default 100
 */
public record McpBackendConfig(List<McpTargetConfig> targets, McpStatefulMode statefulMode, McpPrefixMode prefixMode,
                               McpFailureMode failureMode, Duration requestTimeout, Duration sessionIdleTimeout,
                               Integer maxRequestBodySize, Duration keepAliveInterval, Duration sessionMaxAge,
                               Integer maxSessions, Integer maxBatchSize, Integer maxRequestsInFlight) {

    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DEFAULT_SESSION_IDLE_TIMEOUT = Duration.ofMinutes(30);
    static final int DEFAULT_MAX_REQUEST_BODY_SIZE = 4 * 1024 * 1024;
    static final Duration DEFAULT_KEEP_ALIVE_INTERVAL = Duration.ofSeconds(15);
    static final Duration DEFAULT_SESSION_MAX_AGE = Duration.ofHours(24);
    static final int DEFAULT_MAX_SESSIONS_STDIO = 100;
    static final int DEFAULT_MAX_SESSIONS_REMOTE = 10_000;
    static final int DEFAULT_MAX_BATCH_SIZE = 100;
    static final int DEFAULT_MAX_REQUESTS_IN_FLIGHT = 100;

    public McpBackendConfig {
        targets = targets == null ? List.of() : targets;
        statefulMode = statefulMode == null ? McpStatefulMode.STATEFUL : statefulMode;
        prefixMode = prefixMode == null ? McpPrefixMode.CONDITIONAL : prefixMode;
        failureMode = failureMode == null ? McpFailureMode.FAIL_CLOSED : failureMode;
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        sessionIdleTimeout = sessionIdleTimeout == null ? DEFAULT_SESSION_IDLE_TIMEOUT : sessionIdleTimeout;
        maxRequestBodySize = maxRequestBodySize == null ? DEFAULT_MAX_REQUEST_BODY_SIZE : maxRequestBodySize;
        keepAliveInterval = keepAliveInterval == null ? DEFAULT_KEEP_ALIVE_INTERVAL : keepAliveInterval;
        sessionMaxAge = sessionMaxAge == null ? DEFAULT_SESSION_MAX_AGE : sessionMaxAge;
        maxBatchSize = maxBatchSize == null ? DEFAULT_MAX_BATCH_SIZE : maxBatchSize;
        maxRequestsInFlight = maxRequestsInFlight == null ? DEFAULT_MAX_REQUESTS_IN_FLIGHT : maxRequestsInFlight;
    }
}
