package dev.jetway.example.header;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Adds one header to every response, then lets the rest of the route (policies, backends) answer. */
final class ExampleHeaderHandler extends Handler.Wrapper {

    private final String name;
    private final String value;

    ExampleHeaderHandler(String name, String value) {
        this.name = name;
        this.value = value;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        response.getHeaders().put(name, value);
        return super.handle(request, response, callback);
    }
}
