package dev.jetway.core.telemetry;

import java.util.Map;
import java.util.Set;

import dev.jetway.core.routing.Router;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * The span of one request the gateway serves, started when the request arrives and ended, with its attributes, once
 * it is answered: agentgateway's default fields ({@code http.method}, {@code listener}, {@code route},
 * {@code mcp.method.name}, ...), OpenTelemetry's HTTP server attributes, then the tracing config's {@code remove} and
 * {@code attributes}. It is named {@code <method> <matched path>} (e.g. {@code GET /api}), or as an added
 * {@code span.name} field says.
 */
public final class ServerSpan {

    static final String ATTRIBUTE = "dev.jetway.core.telemetry.span";
    private static final Set<String> SPAN_OWN = Set.of("trace.id", "span.id", "duration");

    private final Span span;
    private final FieldRules rules;

    ServerSpan(Span span, FieldRules rules) {
        this.span = span;
        this.rules = rules;
    }

    /** The span of {@code request}, or {@code null} when it is not traced. */
    public static ServerSpan of(Request request) {
        return request.getAttribute(ATTRIBUTE) instanceof ServerSpan span ? span : null;
    }

    public String traceId() {
        return span.getSpanContext().getTraceId();
    }

    public String spanId() {
        return span.getSpanContext().getSpanId();
    }

    Span span() {
        return span;
    }

    /** Sets the attributes and ends the span; call once, when the response is complete. */
    public void end(Request request, Response response) {
        Map<String, Object> fields = RequestFields.defaults(request, response);
        // A span has its own ids and duration.
        fields.keySet().removeAll(SPAN_OWN);
        Object matched = request.getAttribute(Router.MATCHED_PATH);
        RequestFields.put(fields, "http.request.method", request.getMethod());
        RequestFields.put(fields, "url.path", request.getHttpURI().getPath());
        RequestFields.put(fields, "url.scheme", request.isSecure() ? "https" : "http");
        RequestFields.put(fields, "http.route", matched);
        RequestFields.put(fields, "http.response.status_code", (long) response.getStatus());
        RequestFields.put(fields, "network.protocol.version", version(request));
        RequestFields.put(fields, "client.address", Request.getRemoteAddr(request));
        RequestFields.put(fields, "server.address", Request.getServerName(request));
        RequestFields.put(fields, "user_agent.original", request.getHeaders().get(HttpHeader.USER_AGENT));
        rules.applyTo(fields, request, rules.evaluates() ? RequestFields.variables(request, response) : Map.of());
        Object name = fields.remove("span.name");
        span.updateName(name != null ? name.toString() : matched != null ? request.getMethod() + " " + matched
                : request.getMethod());
        span.setAllAttributes(attributes(fields));
        if (response.getStatus() >= 500) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    /** Strings, integers, floating point numbers and booleans as such; anything else as text. */
    static Attributes attributes(Map<String, Object> fields) {
        AttributesBuilder attributes = Attributes.builder();
        fields.forEach((name, value) -> {
            if (value instanceof Long number) {
                attributes.put(name, number);
            } else if (value instanceof Double number) {
                attributes.put(name, number);
            } else if (value instanceof Boolean flag) {
                attributes.put(name, flag);
            } else {
                attributes.put(name, LogValues.text(value));
            }
        });
        return attributes.build();
    }

    /** OpenTelemetry's spelling: {@code 1.1}, {@code 2}. */
    private static String version(Request request) {
        HttpVersion version = request.getConnectionMetaData().getHttpVersion();
        return switch (version) {
            case HTTP_1_0 -> "1.0";
            case HTTP_1_1 -> "1.1";
            case HTTP_2 -> "2";
            case HTTP_3 -> "3";
            default -> null;
        };
    }
}
