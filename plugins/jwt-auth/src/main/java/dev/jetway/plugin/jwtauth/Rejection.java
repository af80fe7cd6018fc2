package dev.jetway.plugin.jwtauth;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** How a policy answers a request it refuses: always 401, with its own challenge and body. */
interface Rejection {

    /**
     * Answers and completes {@code callback}.
     *
     * @param reason        why, in a few words, such as {@code token expired}
     * @param tokenPresent  whether the request carried a bearer token (RFC 6750 names no error when it did not)
     */
    void reject(Request request, Response response, Callback callback, String reason, boolean tokenPresent);
}
