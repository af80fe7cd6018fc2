package dev.jetway.plugin.mcp.front;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.jetty.server.Request;

/**
 * The W3C trace context of a client's request, as the gateway's tracing left it (naming the gateway's span when the
 * request is traced, else as the client sent it), for the upstream calls that serve the request.
 */
final class TraceHeaders {

    private static final String[] NAMES = {"traceparent", "tracestate"};

    private TraceHeaders() {
    }

    static Map<String, String> of(Request request) {
        Map<String, String> context = new HashMap<>(2);
        for (String name : NAMES) {
            String value = request.getHeaders().get(name);
            if (value != null) {
                context.put(name, value);
            }
        }
        return context.isEmpty() ? Map.of() : Map.copyOf(context);
    }
}
