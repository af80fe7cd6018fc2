package dev.jetway.grpc;

import java.nio.ByteBuffer;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;

/** gRPC's length-prefixed messages: a compression flag byte, a 4-byte big-endian length, the message. */
final class GrpcFrames {

    private static final int HEADER = 5;

    private GrpcFrames() {
    }

    static byte[] frame(MessageLite message) {
        byte[] body = message.toByteArray();
        return ByteBuffer.allocate(HEADER + body.length).put((byte) 0).putInt(body.length).put(body).array();
    }

    /** The one message of a unary response body. */
    static <T> T unframe(byte[] body, Parser<T> parser) throws GrpcException {
        if (body.length < HEADER) {
            throw new GrpcException(GrpcException.INTERNAL, "the response has no message", null);
        }
        ByteBuffer buffer = ByteBuffer.wrap(body);
        if (buffer.get() != 0) {
            // The client sends no grpc-accept-encoding, so a compressed message breaks the protocol.
            throw new GrpcException(GrpcException.INTERNAL, "the response message is compressed, which was not asked for", null);
        }
        int length = buffer.getInt();
        if (length != buffer.remaining()) {
            throw new GrpcException(GrpcException.INTERNAL, "a unary response holds one message of " + length
                    + " bytes, got " + buffer.remaining(), null);
        }
        try {
            return parser.parseFrom(body, HEADER, length);
        } catch (InvalidProtocolBufferException e) {
            throw new GrpcException(GrpcException.INTERNAL, "the response message does not parse: " + e.getMessage(), e);
        }
    }
}
