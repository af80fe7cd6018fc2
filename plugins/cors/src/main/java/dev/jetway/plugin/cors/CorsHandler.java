package dev.jetway.plugin.cors;

import java.util.Arrays;
import java.util.stream.Collectors;

import dev.jetway.api.http.HeadersOnCommit;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Envoy's CORS semantics, as agentgateway follows them: a request without {@code Origin} passes untouched; an OPTIONS
 * request from an allowed origin is answered here with the preflight headers; a preflight from another origin gets a
 * bare 200 and is not forwarded; other requests from an allowed origin pass on and their response, whoever writes
 * it, gets {@code Access-Control-Allow-Origin} (the origin echoed), {@code -Allow-Credentials} and
 * {@code -Expose-Headers}.
 */
final class CorsHandler extends Handler.Wrapper {

    private final AllowedOrigins origins;
    private final Allowed methods;
    private final Allowed headers;
    private final Allowed exposeHeaders;
    private final boolean credentials;
    private final String maxAge;

    /** @param maxAge seconds, or {@code null} to leave {@code Access-Control-Max-Age} out */
    CorsHandler(AllowedOrigins origins, Allowed methods, Allowed headers, Allowed exposeHeaders, boolean credentials,
                String maxAge) {
        this.origins = origins;
        this.methods = methods;
        this.headers = headers;
        this.exposeHeaders = exposeHeaders;
        this.credentials = credentials;
        this.maxAge = maxAge;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin == null) {
            return super.handle(request, response, callback);
        }
        boolean options = HttpMethod.OPTIONS.is(request.getMethod());
        String requestMethod = request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD);
        boolean preflight = options && requestMethod != null && !requestMethod.isBlank();
        if (!origins.allows(origin)) {
            if (preflight) {
                answer(response, callback);
                return true;
            }
            return super.handle(request, response, callback);
        }
        if (options) {
            HttpFields.Mutable out = response.getHeaders();
            allowOrigin(out, origin);
            put(out, HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, methods.any() ? echo(trim(requestMethod)) : methods.listed());
            put(out, HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, headers.any()
                    ? echo(list(request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_HEADERS))) : headers.listed());
            put(out, HttpHeader.ACCESS_CONTROL_MAX_AGE, maxAge);
            answer(response, callback);
            return true;
        }
        HeadersOnCommit decorated = new HeadersOnCommit(request, response, out -> allowOrigin(out, origin));
        return super.handle(request, decorated, decorated.callback(callback));
    }

    private void allowOrigin(HttpFields.Mutable out, String origin) {
        out.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        if (credentials) {
            out.put(HttpHeader.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        }
        put(out, HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, exposeHeaders.headerValue());
        // The answer depends on the origin: caches must not give it to another one.
        String vary = out.get(HttpHeader.VARY);
        if (vary == null) {
            out.put(HttpHeader.VARY, "Origin");
        } else if (!vary.equals("*") && Arrays.stream(vary.split(",")).map(String::trim).noneMatch("Origin"::equalsIgnoreCase)) {
            out.put(HttpHeader.VARY, vary + ", Origin");
        }
    }

    /**
     * What a wildcard answers with: the requested value, else {@code *} unless credentials are allowed (with
     * credentials, browsers take {@code *} literally).
     */
    private String echo(String requested) {
        return requested != null ? requested : credentials ? null : "*";
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A comma-separated header value with its entries trimmed and empty ones dropped; {@code null} when none is left. */
    private static String list(String value) {
        if (value == null) {
            return null;
        }
        String entries = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.joining(", "));
        return entries.isEmpty() ? null : entries;
    }

    private static void put(HttpFields.Mutable out, HttpHeader header, String value) {
        if (value != null) {
            out.put(header, value);
        }
    }

    private static void answer(Response response, Callback callback) {
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        response.write(true, BufferUtil.EMPTY_BUFFER, callback);
    }
}
