package dev.jetway.plugin.extauthz;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.jetway.api.expression.Expression;
import dev.jetway.api.expression.ExpressionException;
import dev.jetway.plugin.extauthz.spi.AuthzCheck;
import dev.jetway.plugin.extauthz.spi.CheckBody;
import dev.jetway.plugin.extauthz.spi.CheckSettings;
import dev.jetway.plugin.extauthz.spi.Verdict;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP check per request, as agentgateway sends it: the client's method; the {@code path} expression's result or
 * the client's path and query; only {@code Authorization} unless {@code includeRequestHeaders} names others; then
 * the {@code addRequestHeaders} expressions. An empty body unless {@code includeRequestBody}, which also sends
 * {@code x-envoy-auth-partial-body}.
 */
final class HttpCheck implements AuthzCheck {

    private static final Logger LOG = LoggerFactory.getLogger(HttpCheck.class);

    /** An authorization answer is headers and a short body; a bigger one is a failure of the service. */
    private static final int MAX_ANSWER_BYTES = 2 * 1024 * 1024;

    private final HttpClient client;
    private final CheckSettings settings;
    private final List<String> included;
    private final Expression path;
    private final Map<String, Expression> added;
    private final HttpVerdicts verdicts;

    HttpCheck(HttpClient client, CheckSettings settings, List<String> included, Expression path,
              Map<String, Expression> added, HttpVerdicts verdicts) {
        this.client = requireNonNull(client, "client");
        this.settings = requireNonNull(settings, "settings");
        this.included = List.copyOf(included);
        this.path = path;
        this.added = Map.copyOf(added);
        this.verdicts = requireNonNull(verdicts, "verdicts");
    }

    @Override
    public void check(Request request, CheckBody body, Promise<Verdict> verdict) {
        org.eclipse.jetty.client.Request check;
        try {
            check = newCheck(request, body);
        } catch (ExpressionException | IllegalArgumentException e) {
            // agentgateway refuses the request when it cannot say where to ask, whatever the failure mode.
            LOG.warn("extAuthz: no check request for {} {}: {}", request.getMethod(), request.getHttpURI().getPath(), e.getMessage());
            verdict.succeeded(Verdict.Deny.refused());
            return;
        }
        check.send(new BufferingResponseListener(MAX_ANSWER_BYTES) {
            @Override
            public void onComplete(Result result) {
                if (result.isFailed()) {
                    verdict.failed(result.getFailure());
                    return;
                }
                Verdict decided;
                try {
                    decided = verdicts.of(request, result.getResponse(), getContent());
                } catch (RuntimeException e) {
                    verdict.failed(e);
                    return;
                }
                verdict.succeeded(decided);
            }
        });
    }

    private org.eclipse.jetty.client.Request newCheck(Request request, CheckBody body) throws ExpressionException {
        CheckRequestHead head = new CheckRequestHead(request.getMethod(),
                path == null ? request.getHttpURI().getPathQuery() : pathAndQuery(path.evaluate(request, Map.of())));
        for (String name : included) {
            String value = CheckRequestHead.original(request, name);
            if (value != null) {
                head.set(name, value);
            }
        }
        if (body != null) {
            head.set("x-envoy-auth-partial-body", String.valueOf(body.partial()));
        }
        for (Map.Entry<String, Expression> header : added.entrySet()) {
            String value = text(header.getValue(), request);
            if (value == null) {
                head.remove(header.getKey());
            } else {
                head.set(header.getKey(), value);
            }
        }
        org.eclipse.jetty.client.Request check = settings.service().newRequest(client, head.pathAndQuery())
                .method(head.method())
                .timeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .headers(headers -> headers.add(head.headers()));
        return body == null ? check : check.body(new BytesRequestContent(body.bytes()));
    }

    /** A path and query from the expression; an absolute URL contributes its path and query. */
    private static String pathAndQuery(Object value) {
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("path evaluated to " + value + ", not a string");
        }
        URI uri = URI.create(text);
        if (uri.isAbsolute()) {
            String rawPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? rawPath : rawPath + "?" + uri.getRawQuery();
        }
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("path \"" + text + "\" does not start with /");
        }
        return text;
    }

    /** A header value from its expression, or {@code null} (the header is not sent) when it has none. */
    private static String text(Expression expression, Request request) {
        Object value;
        try {
            value = expression.evaluate(request, Map.of());
        } catch (ExpressionException e) {
            LOG.debug("extAuthz: header expression {} failed: {}", expression.source(), e.getMessage());
            return null;
        }
        String text = value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : value instanceof String || value instanceof Number || value instanceof Boolean ? value.toString() : null;
        // A line break in a value would end the header early and start another.
        return text == null || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0 ? null : text;
    }
}
