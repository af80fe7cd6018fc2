package dev.jetway.plugin.extauthz.spi;

import static java.util.Objects.requireNonNull;

/**
 * The request body sent along with a check ({@code includeRequestBody}).
 *
 * @param bytes   at most {@code maxRequestBytes} bytes of it
 * @param partial whether the body was longer (sent only with {@code allowPartialMessage: true})
 */
public record CheckBody(byte[] bytes, boolean partial) {
    public CheckBody {
        requireNonNull(bytes, "bytes");
    }
}
