package dev.jetway.core.telemetry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;

import dev.jetway.api.GatewayAttributes;
import dev.jetway.api.expression.ExpressionVariables;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;

/**
 * What is known of an answered request, as agentgateway names it: the default fields of its access log line and span
 * ({@code http.method}, {@code src.addr}, {@code mcp.method.name}, ...), and the variables its log and span
 * expressions see besides {@code request}, {@code source} and those policies attached ({@code response},
 * {@code mcp}, {@code backend}).
 */
public final class RequestFields {

    private RequestFields() {
    }

    /** The default fields, in agentgateway's order; those jetway has no value for are absent. */
    public static Map<String, Object> defaults(Request request, Response response) {
        Map<String, Object> fields = new LinkedHashMap<>();
        put(fields, "listener", request.getAttribute(GatewayAttributes.LISTENER));
        put(fields, "route", request.getAttribute(GatewayAttributes.ROUTE));
        put(fields, "backend", request.getAttribute(GatewayAttributes.BACKEND));
        put(fields, "src.addr", Request.getRemoteAddr(request) + ":" + Request.getRemotePort(request));
        put(fields, "http.method", request.getMethod());
        put(fields, "http.host", Request.getServerName(request));
        put(fields, "http.path", request.getHttpURI().getPath());
        put(fields, "http.version", request.getConnectionMetaData().getProtocol());
        put(fields, "http.status", (long) response.getStatus());
        put(fields, "tls.sni", serverName(request));
        ServerSpan span = ServerSpan.of(request);
        if (span != null) {
            fields.put("trace.id", span.traceId());
            fields.put("span.id", span.spanId());
        }
        if (ExpressionVariables.get(request).get("jwt") instanceof Map<?, ?> claims) {
            put(fields, "jwt.sub", claims.get("sub"));
        }
        put(fields, "mcp.method.name", request.getAttribute(GatewayAttributes.MCP_METHOD));
        put(fields, "mcp.tool.name", request.getAttribute(GatewayAttributes.MCP_TOOL));
        put(fields, "duration", NanoTime.millisSince(request.getHeadersNanoTime()) + "ms");
        return fields;
    }

    /** {@code response}, {@code mcp} and {@code backend}, for expressions evaluated once the request is answered. */
    public static Map<String, Object> variables(Request request, Response response) {
        Map<String, Object> headers = new LinkedHashMap<>();
        for (HttpField field : response.getHeaders()) {
            headers.merge(field.getLowerCaseName(), field.getValue(), (a, b) -> a + "," + b);
        }
        Map<String, Object> mcp = new LinkedHashMap<>();
        put(mcp, "methodName", request.getAttribute(GatewayAttributes.MCP_METHOD));
        Object tool = request.getAttribute(GatewayAttributes.MCP_TOOL);
        if (tool != null) {
            mcp.put("tool", Map.of("name", tool));
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("response", Map.of("code", (long) response.getStatus(), "headers", headers));
        variables.put("mcp", mcp);
        Object backend = request.getAttribute(GatewayAttributes.BACKEND);
        if (backend != null) {
            variables.put("backend", Map.of("name", backend));
        }
        return variables;
    }

    /** The server name the client sent in its TLS ClientHello (SNI), or {@code null}. */
    private static String serverName(Request request) {
        EndPoint.SslSessionData tls = request.getConnectionMetaData().getConnection().getEndPoint().getSslSessionData();
        if (tls == null || !(tls.sslSession() instanceof ExtendedSSLSession session)) {
            return null;
        }
        List<SNIServerName> names = session.getRequestedServerNames();
        for (SNIServerName name : names) {
            if (name instanceof SNIHostName host) {
                return host.getAsciiName();
            }
        }
        return null;
    }

    static void put(Map<String, Object> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
