package dev.jetway.plugin.extauthz;

import java.util.List;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;

/**
 * The method, path, authority and headers of one HTTP check request as it is put together. Pseudo headers set the
 * parts they name: {@code :authority} is the Host the service sees (tailscaled wants {@code local-tailscaled.sock}).
 */
final class CheckRequestHead {

    private String method;
    private String pathAndQuery;
    private String authority;
    private final HttpFields.Mutable headers = HttpFields.build();

    CheckRequestHead(String method, String pathAndQuery) {
        this.method = method;
        this.pathAndQuery = pathAndQuery;
    }

    /** The value of a header or pseudo header of the client's request; several values joined as HTTP allows. */
    static String original(Request request, String name) {
        HttpURI uri = request.getHttpURI();
        return switch (name) {
            case ":method" -> request.getMethod();
            case ":path" -> uri.getPathQuery();
            case ":authority" -> uri.getAuthority();
            case ":scheme" -> uri.getScheme();
            default -> {
                List<String> values = request.getHeaders().getValuesList(name);
                // Cookies are joined with "; ", everything else with ", " (RFC 6265 5.4, RFC 9110 5.3).
                yield values.isEmpty() ? null : String.join(name.equals("cookie") ? "; " : ", ", values);
            }
        };
    }

    /** Sets (replaces) a header or pseudo header; {@code :scheme} is not carried over HTTP/1.1 and is refused earlier. */
    void set(String name, String value) {
        switch (name) {
            case ":method" -> method = value;
            case ":path" -> pathAndQuery = value;
            case ":authority" -> authority = value;
            default -> headers.put(name, value);
        }
    }

    /** Drops a header, or the authority back to the service's own; the method and path always have a value. */
    void remove(String name) {
        if (name.equals(":authority")) {
            authority = null;
        } else if (!name.startsWith(":")) {
            headers.remove(name);
        }
    }

    String method() {
        return method;
    }

    String pathAndQuery() {
        return pathAndQuery;
    }

    /** The headers to send, with Host when an authority was set. */
    HttpFields headers() {
        return authority == null ? headers.asImmutable() : HttpFields.build(headers).put(HttpHeader.HOST, authority);
    }
}
