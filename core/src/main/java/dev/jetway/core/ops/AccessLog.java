package dev.jetway.core.ops;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetway.api.GatewayAttributes;
import dev.jetway.api.tls.ClientCertificate;
import dev.jetway.core.config.GlobalSettings.LogFormat;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request, JSON or logfmt: time, listener, route, backend, method, path, status, bytes, duration, TLS
 * version and cipher, client certificate subject on mutual TLS, MCP method and tool on MCP routes, the JSON-RPC
 * method on A2A routes.
 */
final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LogFormat format;
    private final RequestLog.Writer writer;

    AccessLog(LogFormat format, RequestLog.Writer writer) {
        this.format = format;
        this.writer = writer;
    }

    RequestLog.Writer writer() {
        return writer;
    }

    void log(Request request, Response response) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("time", Instant.ofEpochMilli(Request.getTimeStamp(request)).toString());
        fields.put("listener", request.getAttribute(GatewayAttributes.LISTENER));
        fields.put("route", request.getAttribute(GatewayAttributes.ROUTE));
        fields.put("backend", request.getAttribute(GatewayAttributes.BACKEND));
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
        fields.values().removeIf(v -> v == null);
        try {
            writer.write(format == LogFormat.JSON ? json(fields) : logfmt(fields));
        } catch (IOException e) {
            LOG.warn("Cannot write the access log: {}", e.getMessage());
        }
    }

    private static String json(Map<String, Object> fields) throws JsonProcessingException {
        return JSON.writeValueAsString(fields);
    }

    /** {@code key=value} pairs; values with spaces, quotes or equals signs quoted. */
    private static String logfmt(Map<String, Object> fields) {
        StringBuilder line = new StringBuilder(256);
        fields.forEach((key, value) -> {
            if (line.length() > 0) {
                line.append(' ');
            }
            String text = value.toString();
            line.append(key).append('=');
            if (text.isEmpty() || text.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '=')) {
                line.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                line.append(text);
            }
        });
        return line.toString();
    }
}
