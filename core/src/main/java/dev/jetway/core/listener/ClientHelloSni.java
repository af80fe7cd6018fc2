package dev.jetway.core.listener;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the server name (SNI) from a TLS ClientHello without consuming it, so that a bind can pick the listener,
 * and with it the certificate and TLS settings, before the handshake starts. The JDK offers no public parser.
 */
final class ClientHelloSni {

    /** What the bytes so far say. */
    enum Status { NEED_MORE_BYTES, COMPLETE, NOT_TLS }

    /** {@code serverName} is {@code null} when the ClientHello has none (clients connecting by IP address). */
    record Result(Status status, String serverName) {
        static final Result NEED_MORE = new Result(Status.NEED_MORE_BYTES, null);
        static final Result NOT_TLS = new Result(Status.NOT_TLS, null);
    }

    private static final int HANDSHAKE_RECORD = 0x16;
    private static final int CLIENT_HELLO = 0x01;
    private static final int SERVER_NAME_EXTENSION = 0x0000;
    private static final int MAX_RECORD = 16384 + 2048;
    private static final int MAX_HELLO = 64 * 1024;

    private ClientHelloSni() {
    }

    static Result parse(ByteBuffer buffer) {
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        int p = buffer.position();
        int limit = buffer.limit();
        while (true) {
            if (limit - p < 5) {
                return Result.NEED_MORE;
            }
            if ((buffer.get(p) & 0xFF) != HANDSHAKE_RECORD || (buffer.get(p + 1) & 0xFF) != 3) {
                return Result.NOT_TLS;
            }
            int length = u16(buffer, p + 3);
            if (length == 0 || length > MAX_RECORD) {
                return Result.NOT_TLS;
            }
            if (limit - p - 5 < length) {
                return Result.NEED_MORE;
            }
            for (int i = 0; i < length; i++) {
                hello.write(buffer.get(p + 5 + i));
            }
            p += 5 + length;
            byte[] bytes = hello.toByteArray();
            if (bytes.length >= 4) {
                if ((bytes[0] & 0xFF) != CLIENT_HELLO) {
                    return Result.NOT_TLS;
                }
                int messageLength = ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
                if (messageLength > MAX_HELLO) {
                    return Result.NOT_TLS;
                }
                if (bytes.length >= 4 + messageLength) {
                    return serverName(ByteBuffer.wrap(bytes, 4, messageLength).slice());
                }
            }
        }
    }

    private static Result serverName(ByteBuffer hello) {
        try {
            skip(hello, 2 + 32);                 // legacy_version, random
            skip(hello, u8(hello));              // legacy_session_id
            skip(hello, u16(hello));             // cipher_suites
            skip(hello, u8(hello));              // legacy_compression_methods
            if (!hello.hasRemaining()) {
                return new Result(Status.COMPLETE, null);
            }
            int extensionsEnd = u16(hello) + hello.position();
            while (hello.position() + 4 <= extensionsEnd) {
                int type = u16(hello);
                int length = u16(hello);
                if (type != SERVER_NAME_EXTENSION) {
                    skip(hello, length);
                    continue;
                }
                int listEnd = u16(hello) + hello.position();
                while (hello.position() + 3 <= listEnd) {
                    int nameType = u8(hello);
                    int nameLength = u16(hello);
                    byte[] name = new byte[nameLength];
                    hello.get(name);
                    if (nameType == 0) {
                        return new Result(Status.COMPLETE, new String(name, StandardCharsets.US_ASCII));
                    }
                }
                return new Result(Status.COMPLETE, null);
            }
            return new Result(Status.COMPLETE, null);
        } catch (RuntimeException malformed) {
            return Result.NOT_TLS;
        }
    }

    private static void skip(ByteBuffer b, int n) {
        b.position(b.position() + n);
    }

    private static int u8(ByteBuffer b) {
        return b.get() & 0xFF;
    }

    private static int u16(ByteBuffer b) {
        return ((b.get() & 0xFF) << 8) | (b.get() & 0xFF);
    }

    private static int u16(ByteBuffer b, int at) {
        return ((b.get(at) & 0xFF) << 8) | (b.get(at + 1) & 0xFF);
    }
}
