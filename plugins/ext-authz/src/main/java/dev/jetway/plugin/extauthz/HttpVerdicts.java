package dev.jetway.plugin.extauthz;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import dev.jetway.api.expression.Expression;
import dev.jetway.api.expression.ExpressionException;
import dev.jetway.plugin.extauthz.spi.Verdict;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an HTTP answer of the authorization service means, as in agentgateway: 2xx allows (the
 * {@code includeResponseHeaders} go to the backend, {@code metadata} becomes {@code extauthz}); 401 or 403 with a
 * {@code redirect} sends the client there (302); any other answer is passed to the client as it came.
 */
final class HttpVerdicts {

    private static final Logger LOG = LoggerFactory.getLogger(HttpVerdicts.class);

    /** Connection-level fields of the service's answer, and those the gateway writes itself. */
    private static final Set<HttpHeader> NOT_PASSED_ON = Set.of(HttpHeader.CONNECTION, HttpHeader.KEEP_ALIVE,
            HttpHeader.PROXY_CONNECTION, HttpHeader.TRANSFER_ENCODING, HttpHeader.UPGRADE, HttpHeader.TE,
            HttpHeader.TRAILER, HttpHeader.CONTENT_LENGTH, HttpHeader.DATE, HttpHeader.SERVER);

    private final List<String> includeResponseHeaders;
    private final Map<String, Expression> metadata;
    private final Expression redirect;
    private final String location;

    HttpVerdicts(List<String> includeResponseHeaders, Map<String, Expression> metadata, Expression redirect, String location) {
        this.includeResponseHeaders = List.copyOf(includeResponseHeaders);
        this.metadata = new LinkedHashMap<>(metadata);
        this.redirect = redirect;
        this.location = requireNonNull(location, "location");
    }

    Verdict of(Request request, Response answer, byte[] body) {
        int status = answer.getStatus();
        if (HttpStatus.isSuccess(status)) {
            return allow(request, answer, body);
        }
        if ((status == HttpStatus.UNAUTHORIZED_401 || status == HttpStatus.FORBIDDEN_403) && redirect != null) {
            return redirect(request);
        }
        HttpFields.Mutable headers = HttpFields.build();
        for (HttpField field : answer.getHeaders()) {
            if (field.getHeader() == null || !NOT_PASSED_ON.contains(field.getHeader())) {
                headers.add(field);
            }
        }
        return new Verdict.Deny(status, headers, body);
    }

    private Verdict allow(Request request, Response answer, byte[] body) {
        HttpFields.Mutable copied = HttpFields.build();
        for (String name : includeResponseHeaders) {
            HttpField field = answer.getHeaders().getField(name);
            if (field != null) {
                copied.put(name, field.getValue());
            }
        }
        Consumer<HttpFields.Mutable> copy = copied.size() == 0 ? null : headers -> copied.forEach(headers::put);
        if (metadata.isEmpty()) {
            return new Verdict.Allow(copy, null, null);
        }
        Map<String, Object> response = Map.of("code", (long) answer.getStatus(), "headers", headers(answer.getHeaders()),
                "body", body);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Expression> entry : metadata.entrySet()) {
            try {
                values.put(entry.getKey(), entry.getValue().evaluate(request, Map.of("response", response)));
            } catch (ExpressionException e) {
                LOG.warn("extAuthz at {}: metadata {} ({}) failed: {}", location, entry.getKey(), entry.getValue().source(),
                        e.getMessage());
            }
        }
        return new Verdict.Allow(copy, null, values);
    }

    private Verdict redirect(Request request) {
        try {
            if (redirect.evaluate(request, Map.of()) instanceof String target && target.indexOf('\r') < 0
                    && target.indexOf('\n') < 0) {
                HttpFields.Mutable headers = HttpFields.build().put(HttpHeader.LOCATION, target);
                return new Verdict.Deny(HttpStatus.FOUND_302, headers, new byte[0]);
            }
            LOG.warn("extAuthz at {}: redirect {} is not a one-line string", location, redirect.source());
        } catch (ExpressionException e) {
            LOG.warn("extAuthz at {}: redirect {} failed: {}", location, redirect.source(), e.getMessage());
        }
        return Verdict.Deny.refused();
    }

    /** As CEL's {@code response.headers} shows them: lower-case names, repeated values joined with commas. */
    private static Map<String, Object> headers(HttpFields fields) {
        Map<String, Object> headers = new LinkedHashMap<>();
        for (HttpField field : fields) {
            headers.merge(field.getLowerCaseName(), field.getValue(), (a, b) -> a + "," + b);
        }
        return headers;
    }
}
