package dev.jetway.core.ops;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.jetway.api.GatewayAttributes;
import dev.jetway.api.tls.ClientCertificate;
import dev.jetway.core.config.GlobalSettings.LogFormat;
import dev.jetway.core.telemetry.FieldRules;
import dev.jetway.core.telemetry.RequestFields;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request, JSON or logfmt: the time, agentgateway's default fields ({@link RequestFields}), then
 * jetway's own: method, path, status, bytes, duration, protocol, client, TLS version and cipher, client certificate
 * subject on mutual TLS, MCP method and tool on MCP routes, the JSON-RPC method on A2A routes. The config's rules ({@code filter}, {@code remove},
 * {@code add}) decide whether the line is written and change its fields.
 */
final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);

    private final LogFormat format;
    private final RequestLog.Writer writer;
    private final FieldRules rules;

    AccessLog(LogFormat format, RequestLog.Writer writer, FieldRules rules) {
        this.format = format;
        this.writer = writer;
        this.rules = rules;
    }

    RequestLog.Writer writer() {
        return writer;
    }

    void log(Request request, Response response) {
        Map<String, Object> variables = rules.evaluates() ? RequestFields.variables(request, response) : Map.of();
        if (!rules.accepts(request, variables)) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("time", Instant.ofEpochMilli(Request.getTimeStamp(request)).toString());
        fields.putAll(RequestFields.defaults(request, response));
        jetwayFields(fields, request, response);
        fields.values().removeIf(Objects::isNull);
        rules.applyTo(fields, request, variables);
        try {
            writer.write(LogLine.format(format, fields));
        } catch (IOException e) {
            LOG.warn("Cannot write the access log: {}", e.getMessage());
        }
    }

    private static void jetwayFields(Map<String, Object> fields, Request request, Response response) {
        fields.put("method", request.getMethod());
        fields.put("path", request.getHttpURI().getPath());
        fields.put("status", response.getStatus());
        fields.put("bytes", Response.getContentBytesWritten(response));
        fields.put("duration_ms", NanoTime.millisSince(request.getHeadersNanoTime()));
        fields.put("protocol", request.getConnectionMetaData().getProtocol());
        fields.put("client", Request.getRemoteAddr(request));
        EndPoint.SslSessionData tls = request.getConnectionMetaData().getConnection().getEndPoint().getSslSessionData();
        if (tls != null && tls.sslSession() != null) {
            fields.put("tls_version", tls.sslSession().getProtocol());
            fields.put("tls_cipher", tls.cipherSuite());
        }
        Object client = request.getAttribute(ClientCertificate.ATTRIBUTE);
        if (client instanceof ClientCertificate certificate) {
            fields.put("client_subject", certificate.subject());
        } else if (tls != null && tls.peerCertificates() != null && tls.peerCertificates().length > 0) {
            X509Certificate leaf = tls.peerCertificates()[0];
            fields.put("client_subject", leaf.getSubjectX500Principal().getName());
        }
        fields.put("mcp_method", request.getAttribute(GatewayAttributes.MCP_METHOD));
        fields.put("mcp_tool", request.getAttribute(GatewayAttributes.MCP_TOOL));
        fields.put("a2a_method", request.getAttribute(GatewayAttributes.A2A_METHOD));
    }
}
