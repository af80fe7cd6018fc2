package dev.jetway.grpc;

/**
 * A gRPC call that did not return a message: the service answered with a non-OK status, or the call failed on the
 * way (connection refused, deadline exceeded, a malformed answer).
 */
public final class GrpcException extends Exception {
    private static final long serialVersionUID = 1L;

    /** gRPC's status codes that the client itself reports. */
    public static final int CANCELLED = 1;
    public static final int UNKNOWN = 2;
    public static final int DEADLINE_EXCEEDED = 4;
    public static final int INTERNAL = 13;
    public static final int UNAVAILABLE = 14;

    private final int status;

    public GrpcException(int status, String message, Throwable cause) {
        super("gRPC status " + status + ": " + message, cause);
        this.status = status;
    }

    /** The gRPC status code, such as 14 (UNAVAILABLE). */
    public int status() {
        return status;
    }
}
