package dev.jetway.api;

/** The {@code policies} blocks a policy can be written in. */
public enum PolicyScope {
    /** {@code listeners[].policies} (agentgateway's gateway phase): runs before routing, for every request. */
    LISTENER,
    /** {@code routes[].policies}: runs after routing, for every backend of the route. */
    ROUTE,
    /** {@code routes[].backends[].policies}: runs for one backend only. */
    BACKEND
}
