package dev.jetway.api;

/** The {@code policies} blocks a policy can be written in. */
public enum PolicyScope {
    /** {@code routes[].policies}: runs after routing, for every backend of the route. */
    ROUTE,
    /** {@code routes[].backends[].policies}: runs for one backend only. */
    BACKEND
}
