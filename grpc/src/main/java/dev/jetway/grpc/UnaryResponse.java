package dev.jetway.grpc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import com.google.protobuf.Parser;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpStatus;

/**
 * Reads the answer to one unary call: HTTP 200, one message, and {@code grpc-status} in the trailers (or in the
 * headers of a trailers-only answer, which is how services report errors without a message).
 */
final class UnaryResponse<T> extends BufferingResponseListener {

    /** grpc-java's default limit on an inbound message, plus the frame header. */
    private static final int MAX_BYTES = 4 * 1024 * 1024 + 5;

    private final Parser<T> parser;
    private final CompletableFuture<T> answer;
    private final Runnable done;

    UnaryResponse(Parser<T> parser, CompletableFuture<T> answer, Runnable done) {
        super(MAX_BYTES);
        this.parser = parser;
        this.answer = answer;
        this.done = done;
    }

    @Override
    public void onComplete(Result result) {
        done.run();
        try {
            answer.complete(read(result));
        } catch (GrpcException e) {
            answer.completeExceptionally(e);
        }
    }

    private T read(Result result) throws GrpcException {
        if (result.isFailed()) {
            Throwable failure = result.getFailure();
            if (failure instanceof GrpcException grpc) {
                throw grpc;
            }
            throw new GrpcException(failure instanceof TimeoutException ? GrpcException.DEADLINE_EXCEEDED
                    : GrpcException.UNAVAILABLE, String.valueOf(failure.getMessage()), failure);
        }
        Response response = result.getResponse();
        if (response.getStatus() != HttpStatus.OK_200) {
            throw new GrpcException(GrpcException.UNKNOWN, "HTTP status " + response.getStatus(), null);
        }
        HttpFields trailers = response.getTrailers();
        HttpFields status = trailers != null && trailers.contains("grpc-status") ? trailers : response.getHeaders();
        String code = status.get("grpc-status");
        if (code == null) {
            throw new GrpcException(GrpcException.INTERNAL, "the response has no grpc-status", null);
        }
        int value;
        try {
            value = Integer.parseInt(code.trim());
        } catch (NumberFormatException e) {
            throw new GrpcException(GrpcException.INTERNAL, "invalid grpc-status \"" + code + "\"", null);
        }
        if (value != 0) {
            throw new GrpcException(value, message(status.get("grpc-message")), null);
        }
        return GrpcFrames.unframe(getContent(), parser);
    }

    /** grpc-message is percent-encoded UTF-8. */
    private static String message(String encoded) {
        if (encoded == null) {
            return "(no message)";
        }
        try {
            return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return encoded;
        }
    }
}
