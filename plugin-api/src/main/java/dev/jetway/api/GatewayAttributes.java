package dev.jetway.api;

/** Request attributes the kernel sets for policies and backends further down the chain. */
public final class GatewayAttributes {

    /** The name of the listener that accepted the request ({@code String}). */
    public static final String LISTENER = "dev.jetway.listener";

    /** The name of the route that matched the request ({@code String}). */
    public static final String ROUTE = "dev.jetway.route";

    private GatewayAttributes() {
    }
}
