package dev.jetway.grpc.extauthz;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.envoyproxy.envoy.config.core.v3.SocketAddress.Builder;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Request;

/**
 * Envoy's {@code CheckRequest} for a request, as Envoy's ext_authz filter fills it: the client and the gateway as
 * peers, the method, the request target (path and query), host, scheme, protocol, size, lower-case headers with
 * their pseudo headers ({@code :authority}, {@code :method}, {@code :path}, {@code :scheme}), values of a repeated
 * header joined as agentgateway joins them: cookies with {@code "; "}, others with {@code ", "}.
 */
final class CheckRequests {

    private CheckRequests() {
    }

    /**
     * @param include           the header names to send, lower case, pseudo headers included; empty for all
     * @param contextExtensions {@code context_extensions}
     * @param filterMetadata    {@code metadata_context.filter_metadata}: a struct per namespace; empty for none
     * @param body              the start of the body, or {@code null}; sent as {@code raw_body} when
     *                          {@code packAsBytes}, else as text
     */
    static CheckRequest of(Request request, List<String> include, Map<String, String> contextExtensions,
                           Map<String, ? extends Map<?, ?>> filterMetadata, byte[] body, boolean packAsBytes) {
        HttpURI uri = request.getHttpURI();
        String target = uri.getPathQuery() == null ? "/" : uri.getPathQuery();
        AttributeContext.HttpRequest.Builder http = AttributeContext.HttpRequest.newBuilder()
                .setMethod(request.getMethod())
                .setPath(target)
                .setHost(uri.getAuthority() == null ? "" : uri.getAuthority())
                .setScheme(uri.getScheme() == null ? "http" : uri.getScheme())
                .setSize(request.getLength())
                .setProtocol(protocol(request.getConnectionMetaData().getHttpVersion()))
                .putAllHeaders(headers(request, target, include));
        String id = request.getHeaders().get("x-request-id");
        if (id != null) {
            http.setId(id);
        }
        if (body != null) {
            if (packAsBytes) {
                http.setRawBody(ByteString.copyFrom(body));
            } else {
                http.setBody(new String(body, StandardCharsets.UTF_8));
            }
        }
        long millis = Request.getTimeStamp(request);
        AttributeContext.Builder attributes = AttributeContext.newBuilder()
                .setSource(peer(request.getConnectionMetaData().getRemoteSocketAddress()))
                .setDestination(peer(request.getConnectionMetaData().getLocalSocketAddress()))
                .setRequest(AttributeContext.Request.newBuilder().setHttp(http).setTime(Timestamp.newBuilder()
                        .setSeconds(Math.floorDiv(millis, 1000)).setNanos((int) Math.floorMod(millis, 1000) * 1_000_000)))
                .putAllContextExtensions(contextExtensions);
        // Set even when empty, as Envoy does: some services read it unconditionally.
        Metadata.Builder metadata = Metadata.newBuilder();
        filterMetadata.forEach((namespace, struct) -> metadata.putFilterMetadata(namespace, Structs.struct(struct)));
        attributes.setMetadataContext(metadata);
        return CheckRequest.newBuilder().setAttributes(attributes).build();
    }

    private static Map<String, String> headers(Request request, String target, List<String> include) {
        Map<String, String> headers = new LinkedHashMap<>();
        HttpURI uri = request.getHttpURI();
        headers.put(":authority", uri.getAuthority() == null ? "" : uri.getAuthority());
        headers.put(":method", request.getMethod());
        headers.put(":path", target);
        headers.put(":scheme", uri.getScheme() == null ? "http" : uri.getScheme());
        for (HttpField field : request.getHeaders()) {
            String name = field.getLowerCaseName();
            headers.merge(name, field.getValue(), (a, b) -> a + (name.equals("cookie") ? "; " : ", ") + b);
        }
        if (!include.isEmpty()) {
            headers.keySet().retainAll(include.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList());
        }
        return headers;
    }

    private static AttributeContext.Peer peer(SocketAddress address) {
        AttributeContext.Peer.Builder peer = AttributeContext.Peer.newBuilder();
        if (address instanceof InetSocketAddress inet) {
            Builder socket = io.envoyproxy.envoy.config.core.v3.SocketAddress.newBuilder().setPortValue(inet.getPort())
                    .setAddress(inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString());
            peer.setAddress(Address.newBuilder().setSocketAddress(socket));
        }
        return peer.build();
    }

    /** Envoy's protocol strings: HTTP/1.0, HTTP/1.1, HTTP/2, HTTP/3. */
    private static String protocol(HttpVersion version) {
        return switch (version) {
            case HTTP_2 -> "HTTP/2";
            case HTTP_3 -> "HTTP/3";
            default -> version.asString();
        };
    }
}
