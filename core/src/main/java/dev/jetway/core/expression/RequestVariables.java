package dev.jetway.core.expression;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.jetway.api.tls.ClientCertificate;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;

/** The variables every request defines: {@code request} and {@code source}, as agentgateway names their fields. */
final class RequestVariables {

    private RequestVariables() {
    }

    /** The variable {@code name} of {@code request}, or {@code null} when the request does not define it. */
    static Object of(Request request, String name) {
        return switch (name) {
            case "request" -> request(request);
            case "source" -> source(request);
            default -> null;
        };
    }

    private static Map<String, Object> request(Request request) {
        HttpURI uri = request.getHttpURI();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("method", request.getMethod());
        fields.put("uri", uri.asString());
        fields.put("path", uri.getPath() == null ? "/" : uri.getPath());
        fields.put("pathAndQuery", uri.getPathQuery() == null ? "/" : uri.getPathQuery());
        fields.put("host", Request.getServerName(request));
        fields.put("scheme", uri.getScheme() == null ? (request.isSecure() ? "https" : "http") : uri.getScheme());
        fields.put("version", request.getConnectionMetaData().getProtocol());
        fields.put("headers", headers(request));
        return fields;
    }

    /** Lower-case names; the values of a repeated header joined with commas, as HTTP allows. */
    private static Map<String, Object> headers(Request request) {
        Map<String, Object> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            String name = field.getLowerCaseName();
            Object previous = headers.get(name);
            headers.put(name, previous == null ? field.getValue() : previous + "," + field.getValue());
        }
        return headers;
    }

    private static Map<String, Object> source(Request request) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("address", Request.getRemoteAddr(request));
        fields.put("port", (long) Request.getRemotePort(request));
        if (request.getAttribute(ClientCertificate.ATTRIBUTE) instanceof ClientCertificate certificate) {
            fields.put("identity", Map.of("subject", certificate.subject(),
                    "subjectAltNames", certificate.subjectAltNames()));
        }
        return fields;
    }
}
