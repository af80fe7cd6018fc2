package dev.jetway.plugin.extauthz.spi;

/**
 * {@code includeRequestBody: {maxRequestBytes, allowPartialMessage, packAsBytes}}.
 *
 * @param maxRequestBytes     how much of the body a check carries; 8192 when unset
 * @param allowPartialMessage whether a longer body is cut to size (else the request is refused with 413)
 * @param packAsBytes         gRPC only: the body as {@code raw_body} bytes rather than a string
 */
public record BodyOptions(Integer maxRequestBytes, Boolean allowPartialMessage, Boolean packAsBytes) {

    /** agentgateway's documented default. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 8192;

    public int maxBytes() {
        return maxRequestBytes == null ? DEFAULT_MAX_REQUEST_BYTES : maxRequestBytes;
    }

    public boolean partialAllowed() {
        return Boolean.TRUE.equals(allowPartialMessage);
    }

    public boolean bytes() {
        return Boolean.TRUE.equals(packAsBytes);
    }
}
