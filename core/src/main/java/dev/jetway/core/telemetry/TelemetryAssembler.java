package dev.jetway.core.telemetry;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.api.expression.Expression;
import dev.jetway.api.expression.ExpressionException;
import dev.jetway.core.config.ConfigPath;
import dev.jetway.core.config.FrontendPolicies.AccessLogPolicy;
import dev.jetway.core.config.FrontendPolicies.TracingPolicy;
import dev.jetway.core.config.GatewayConfig;
import dev.jetway.core.config.GlobalSettings.LogFields;
import dev.jetway.core.config.GlobalSettings.LoggingSettings;
import dev.jetway.core.config.GlobalSettings.OtlpProtocol;
import dev.jetway.core.config.GlobalSettings.TracingSettings;
import dev.jetway.core.config.Problems;

/**
 * Builds the {@link TelemetryPlan} of a config: the access log rules of {@code config.logging} ({@code filter},
 * {@code fields}) and {@code frontendPolicies.accessLog} ({@code filter}, {@code add}, {@code remove}), both applying,
 * and the tracing of {@code frontendPolicies.tracing}, else {@code config.tracing}. When both tracing blocks are
 * written, the frontend policy's collector is used and its sampling settings override the global ones; the span
 * attribute rules of both apply.
 */
public final class TelemetryAssembler {

    private static final ConfigPath LOGGING = ConfigPath.ROOT.key("config").key("logging");
    private static final ConfigPath GLOBAL_TRACING = ConfigPath.ROOT.key("config").key("tracing");
    private static final ConfigPath FRONTEND = ConfigPath.ROOT.key("frontendPolicies");
    private static final String DEFAULT_PATH = "/v1/traces";

    private TelemetryAssembler() {
    }

    public static TelemetryPlan assemble(GatewayConfig config, Problems problems) {
        LoggingSettings logging = config.config().logging();
        LogFields fields = logging.fields() == null ? new LogFields(null, null) : logging.fields();
        FieldRules accessLog = FieldRules.compile(logging.filter(), LOGGING.key("filter"), fields.add(),
                LOGGING.key("fields").key("add"), fields.remove(), problems);
        AccessLogPolicy policy = config.frontendPolicies().accessLog();
        if (policy != null) {
            ConfigPath at = FRONTEND.key("accessLog");
            refuse(policy.otlp(), at.key("otlp"), "exporting access logs over OTLP is not supported; the access log "
                    + "goes to stdout or a file (config.logging.accessLog)", problems);
            accessLog = accessLog.and(FieldRules.compile(policy.filter(), at.key("filter"), policy.add(), at.key("add"),
                    policy.remove(), problems));
        }
        return new TelemetryPlan(accessLog, tracing(config.frontendPolicies().tracing(), config.config().tracing(), problems));
    }

    private static TracingPlan tracing(TracingPolicy frontend, TracingSettings global, Problems problems) {
        if (frontend == null && global == null) {
            return null;
        }
        FieldRules fields = FieldRules.NONE;
        Sampling random = null;
        Sampling client = null;
        TracingPlan.Export export = null;
        if (global != null) {
            LogFields globalFields = global.fields() == null ? new LogFields(null, null) : global.fields();
            fields = FieldRules.compile(null, null, globalFields.add(), GLOBAL_TRACING.key("fields").key("add"),
                    globalFields.remove(), problems);
            random = Sampling.parse(global.randomSampling(), GLOBAL_TRACING.key("randomSampling"), problems);
            client = Sampling.parse(global.clientSampling(), GLOBAL_TRACING.key("clientSampling"), problems);
            export = globalExport(global, problems);
        }
        if (frontend != null) {
            ConfigPath at = FRONTEND.key("tracing");
            fields = fields.and(FieldRules.compile(null, null, frontend.attributes(), at.key("attributes"),
                    frontend.remove(), problems));
            Sampling frontendRandom = Sampling.parse(frontend.randomSampling(), at.key("randomSampling"), problems);
            Sampling frontendClient = Sampling.parse(frontend.clientSampling(), at.key("clientSampling"), problems);
            random = frontendRandom != null ? frontendRandom : random;
            client = frontendClient != null ? frontendClient : client;
            export = frontendExport(frontend, at, problems);
        }
        return export == null ? null : new TracingPlan(export, fields, random, client);
    }

    private static TracingPlan.Export globalExport(TracingSettings global, Problems problems) {
        ConfigPath at = GLOBAL_TRACING.key("otlpEndpoint");
        if (global.otlpEndpoint() == null || global.otlpEndpoint().isBlank()) {
            problems.add(GLOBAL_TRACING, "otlpEndpoint is required, such as http://localhost:4317");
            return null;
        }
        String written = global.otlpEndpoint().strip();
        URI base = endpoint(written.contains("://") ? written : "http://" + written, at, problems);
        OtlpProtocol protocol = global.otlpProtocol() == null ? OtlpProtocol.GRPC : global.otlpProtocol();
        return base == null ? null : export(base, protocol, global.path(), global.headers(), Map.of(), GLOBAL_TRACING,
                problems);
    }

    private static TracingPlan.Export frontendExport(TracingPolicy policy, ConfigPath at, Problems problems) {
        String refused = "as where spans go is not supported; write host: \"<host>:<port>\" of the collector";
        refuse(policy.backend(), at.key("backend"), "\"backend\" " + refused, problems);
        refuse(policy.service(), at.key("service"), "\"service\" " + refused, problems);
        refuse(policy.policies(), at.key("policies"), "\"policies\" for the connection to the collector (backendTLS, "
                + "backendAuth, ...) are not supported", problems);
        if (policy.host() == null || policy.host().isBlank()) {
            if (policy.backend() == null && policy.service() == null) {
                problems.add(at, "host is required: the collector's \"<host>:<port>\", such as localhost:4317");
            }
            return null;
        }
        URI base = endpoint("http://" + policy.host().strip(), at.key("host"), problems);
        OtlpProtocol protocol = policy.protocol() == null ? OtlpProtocol.GRPC : policy.protocol();
        return base == null ? null : export(base, protocol, policy.path(), Map.of(), policy.resources(), at, problems);
    }

    private static TracingPlan.Export export(URI base, OtlpProtocol protocol, String path, Map<String, String> headers,
                                             Map<String, String> resources, ConfigPath at, Problems problems) {
        URI endpoint = base;
        if (protocol == OtlpProtocol.HTTP) {
            String full = path == null || path.isBlank() ? DEFAULT_PATH : path.startsWith("/") ? path : "/" + path;
            endpoint = base.resolve(full);
        }
        return new TracingPlan.Export(endpoint, protocol, headers, resource(resources, at.key("resources"), problems));
    }

    /** {@code http(s)://host:port}, without a path: the collector's address. */
    private static URI endpoint(String text, ConfigPath at, Problems problems) {
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null || uri.getPort() < 0 || uri.getPort() > 65535
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                problems.add(at, "\"" + text + "\" is not a collector address: write host:port, such as localhost:4317"
                        + " (http:// or https:// in config.tracing.otlpEndpoint)");
                return null;
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            problems.add(at, "\"" + text + "\" is not a collector address: " + e.getReason());
            return null;
        }
    }

    /**
     * The resource attributes: {@code service.name} {@code jetway} unless written, then each expression evaluated once,
     * without a request (so {@code request.path} is an error here, {@code "payments"} is not).
     */
    private static Map<String, Object> resource(Map<String, String> resources, ConfigPath at, Problems problems) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("service.name", "jetway");
        resources.forEach((name, source) -> {
            Expression expression = FieldRules.compile(source, at.key(name), problems);
            if (expression == null) {
                return;
            }
            try {
                Object value = expression.evaluate(null, Map.of());
                if (value != null) {
                    attributes.put(name, value);
                }
            } catch (ExpressionException e) {
                problems.add(at.key(name), "a resource attribute is computed once, without a request: " + e.getMessage());
            }
        });
        return attributes;
    }

    private static void refuse(JsonNode value, ConfigPath at, String message, Problems problems) {
        if (value != null && !value.isNull()) {
            problems.addAtKey(at, message);
        }
    }
}
