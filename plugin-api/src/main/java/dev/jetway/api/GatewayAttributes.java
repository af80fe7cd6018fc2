package dev.jetway.api;

/** Request attributes the kernel sets for policies and backends further down the chain. */
public final class GatewayAttributes {

    /** The name of the listener that accepted the request ({@code String}). */
    public static final String LISTENER = "dev.jetway.listener";

    /** The name of the route that matched the request ({@code String}). */
    public static final String ROUTE = "dev.jetway.route";

    /** The backend that served the request ({@code String}): a named backend's name, else its type and position. */
    public static final String BACKEND = "dev.jetway.backend";

    /** Set by MCP backends for the access log: the JSON-RPC method of the request ({@code String}). */
    public static final String MCP_METHOD = "dev.jetway.mcp.method";

    /** Set by MCP backends for the access log: the tool a {@code tools/call} named ({@code String}). */
    public static final String MCP_TOOL = "dev.jetway.mcp.tool";

    /** Set by the {@code a2a} policy for the access log: the JSON-RPC method of an A2A request ({@code String}). */
    public static final String A2A_METHOD = "dev.jetway.a2a.method";

    /**
     * Set by the router when the route matched the request by a {@code pathPrefix}: that prefix without its trailing
     * slashes ({@code String}; {@code ""} for {@code /}). Absent when the route matched by an exact path or a regex.
     * What {@code urlRewrite} and {@code requestRedirect} replace with their {@code path.prefix}.
     */
    public static final String MATCHED_PATH_PREFIX = "dev.jetway.route.pathPrefix";

    /**
     * Set to {@code Boolean.TRUE} by a policy that chose the upstream authority itself ({@code urlRewrite} with an
     * {@code authority} other than {@code auto}, including {@code none}): backends then send the request's own
     * {@code Host}, without their automatic rewrite to a hostname target's name.
     */
    public static final String AUTHORITY_REWRITTEN = "dev.jetway.authority.rewritten";

    /**
     * Set by authentication policies ({@code jwtAuth}, {@code mcpAuthentication}) once a bearer token is verified:
     * the token ({@code String}), which they remove from the request, so that {@code backendAuth: {passthrough: {}}}
     * can send it on.
     */
    public static final String VERIFIED_TOKEN = "dev.jetway.auth.token";

    /**
     * Set by {@code backendAuth}: the {@code Authorization} value the request's upstream calls carry ({@code String},
     * such as {@code Bearer <token>}). Backends that make upstream calls of their own (an MCP backend's targets) add
     * it to them.
     */
    public static final String UPSTREAM_AUTHORIZATION = "dev.jetway.auth.upstream";

    /**
     * Set by backends when their upstream failed before answering (refused or reset connection, TLS failure, upstream
     * timeout): the failure ({@code Throwable}), set just before the backend answers the client itself with a 5xx. The
     * {@code retry} policy retries such requests.
     */
    public static final String UPSTREAM_FAILURE = "dev.jetway.upstream.failure";

    private GatewayAttributes() {
    }
}
