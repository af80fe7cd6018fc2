package dev.jetway.plugin.mcp.session;

/** A backend has as many sessions open as it allows ({@code maxSessions}). */
public final class SessionsFull extends Exception {
    private static final long serialVersionUID = 1L;

    public SessionsFull(int limit) {
        super("Too many MCP sessions: this backend allows " + limit + " at once (maxSessions); try again later");
    }
}
