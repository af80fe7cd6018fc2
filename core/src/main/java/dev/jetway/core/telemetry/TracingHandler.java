package dev.jetway.core.telemetry;

import java.util.HashMap;
import java.util.Map;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The gateway's entry: starts the span of each sampled request and hands the chain a request whose
 * {@code traceparent} (and {@code tracestate}) name that span, so that every backend forwarding the request's
 * headers continues the trace. Requests that are not traced pass untouched. The span ends in the request log, once
 * the response is complete.
 */
public final class TracingHandler extends Handler.Wrapper {

    private final Tracing tracing;

    public TracingHandler(Handler handler, Tracing tracing) {
        super(handler);
        this.tracing = tracing;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        ServerSpan span = tracing.start(request);
        if (span == null) {
            return super.handle(request, response, callback);
        }
        request.setAttribute(ServerSpan.ATTRIBUTE, span);
        return super.handle(new Traced(request, span), response, callback);
    }

    /** The request with the span's trace context in its headers. */
    private static final class Traced extends Request.Wrapper {
        private final HttpFields headers;

        Traced(Request request, ServerSpan span) {
            super(request);
            Map<String, String> context = new HashMap<>();
            W3CTraceContextPropagator.getInstance().inject(Context.root().with(span.span()), context, Map::put);
            HttpFields.Mutable fields = HttpFields.build(request.getHeaders());
            context.forEach(fields::put);
            this.headers = fields.asImmutable();
        }

        @Override
        public HttpFields getHeaders() {
            return headers;
        }
    }
}
