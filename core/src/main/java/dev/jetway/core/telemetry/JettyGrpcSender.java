package dev.jetway.core.telemetry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.GrpcSenderConfig;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.common.export.MessageWriter;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * OTLP over gRPC on Jetty's HTTP/2 client, which the gateway has anyway: the SDK's own gRPC senders need okhttp (and
 * kotlin's runtime) or grpc-java with a transport. One unary call per batch: a length-prefixed message in, the status
 * from the {@code grpc-status} trailer (or header, for trailers-only answers) out. Plain {@code http://} endpoints
 * speak HTTP/2 without TLS (prior knowledge), as collectors expect on 4317. Failed batches are not retried.
 */
final class JettyGrpcSender implements GrpcSender {

    /** Hands the SDK this sender, whatever else its service loader finds. */
    static final class Provider implements GrpcSenderProvider {
        @Override
        public GrpcSender createSender(GrpcSenderConfig config) {
            return new JettyGrpcSender(config);
        }
    }

    private static final int MAX_RESPONSE = 4 * 1024 * 1024;

    private final GrpcSenderConfig config;
    private final URI uri;
    private final HttpClient client;

    JettyGrpcSender(GrpcSenderConfig config) {
        this.config = config;
        URI endpoint = config.getEndpoint();
        this.uri = endpoint.resolve("/" + config.getFullMethodName());
        ClientConnector connector = new ClientConnector();
        if ("https".equals(endpoint.getScheme())) {
            SslContextFactory.Client tls = new SslContextFactory.Client();
            if (config.getSslContext() != null) {
                tls.setSslContext(config.getSslContext());
            }
            connector.setSslContextFactory(tls);
        }
        QueuedThreadPool threads = new QueuedThreadPool(4, 1);
        threads.setName("jetway-otlp");
        threads.setDaemon(true);
        connector.setExecutor(threads);
        this.client = new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client(connector)));
        client.setExecutor(threads);
        client.setConnectTimeout(config.getConnectTimeout().toMillis());
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the OTLP/gRPC client", e);
        }
    }

    @Override
    public void send(MessageWriter message, Consumer<GrpcResponse> onResponse, Consumer<Throwable> onError) {
        byte[] frame;
        try {
            frame = frame(message);
        } catch (IOException e) {
            onError.accept(e);
            return;
        }
        long timeout = config.getTimeout().toMillis();
        client.newRequest(uri)
                .method(HttpMethod.POST)
                .version(HttpVersion.HTTP_2)
                .timeout(timeout, TimeUnit.MILLISECONDS)
                .headers(headers -> headers(headers, timeout))
                .body(new BytesRequestContent("application/grpc", frame))
                .send(new BufferingResponseListener(MAX_RESPONSE) {
                    @Override
                    public void onComplete(Result result) {
                        if (result.isFailed()) {
                            onError.accept(result.getFailure());
                        } else {
                            onResponse.accept(response(result.getResponse(), getContent()));
                        }
                    }
                });
    }

    private void headers(HttpFields.Mutable headers, long timeoutMillis) {
        headers.put("te", "trailers");
        headers.put("grpc-timeout", timeoutMillis + "m");
        if (config.getCompressor() != null) {
            headers.put("grpc-encoding", config.getCompressor().getEncoding());
        }
        Map<String, List<String>> extra = config.getHeadersSupplier() == null ? null : config.getHeadersSupplier().get();
        if (extra != null) {
            extra.forEach((name, values) -> {
                headers.remove(name);
                values.forEach(value -> headers.add(name, value));
            });
        }
    }

    /** gRPC's message framing: a compressed flag, the length (4 bytes, big-endian), the message. */
    private byte[] frame(MessageWriter message) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(message.getContentLength());
        if (config.getCompressor() != null) {
            try (OutputStream compressed = config.getCompressor().compress(body)) {
                message.writeMessage(compressed);
            }
        } else {
            message.writeMessage(body);
        }
        ByteBuffer frame = ByteBuffer.allocate(5 + body.size());
        frame.put((byte) (config.getCompressor() != null ? 1 : 0)).putInt(body.size()).put(body.toByteArray());
        return frame.array();
    }

    private static GrpcResponse response(Response response, byte[] content) {
        if (response.getStatus() != 200) {
            return new Answer(httpStatus(response.getStatus()), "HTTP " + response.getStatus(), new byte[0]);
        }
        HttpFields trailers = response.getTrailers();
        String status = trailers != null && trailers.contains("grpc-status") ? trailers.get("grpc-status")
                : response.getHeaders().get("grpc-status");
        String message = trailers != null && trailers.contains("grpc-message") ? trailers.get("grpc-message")
                : response.getHeaders().get("grpc-message");
        GrpcStatusCode code;
        try {
            code = status == null ? GrpcStatusCode.UNKNOWN : GrpcStatusCode.fromValue(Integer.parseInt(status.trim()));
        } catch (NumberFormatException e) {
            code = GrpcStatusCode.UNKNOWN;
        }
        byte[] answer = content.length >= 5 ? Arrays.copyOfRange(content, 5, content.length) : new byte[0];
        return new Answer(code, message == null ? "" : URLDecoder.decode(message.replace("+", "%2B"),
                StandardCharsets.UTF_8), answer);
    }

    /** gRPC's mapping of HTTP statuses for answers that are not gRPC at all (a proxy's error page). */
    private static GrpcStatusCode httpStatus(int status) {
        return switch (status) {
            case 400 -> GrpcStatusCode.INTERNAL;
            case 401 -> GrpcStatusCode.UNAUTHENTICATED;
            case 403 -> GrpcStatusCode.PERMISSION_DENIED;
            case 404 -> GrpcStatusCode.UNIMPLEMENTED;
            case 429, 502, 503, 504 -> GrpcStatusCode.UNAVAILABLE;
            default -> GrpcStatusCode.UNKNOWN;
        };
    }

    private record Answer(GrpcStatusCode getStatusCode, String getStatusDescription, byte[] getResponseMessage)
            implements GrpcResponse {
    }

    @Override
    public CompletableResultCode shutdown() {
        try {
            client.stop();
            return CompletableResultCode.ofSuccess();
        } catch (Exception e) {
            return CompletableResultCode.ofExceptionalFailure(e);
        }
    }
}
