package dev.jetway.core.tls;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;

/**
 * The keys of a listener's {@code tls} block that the kernel owns. Versions are strings so that {@code 1.2},
 * {@code "1.2"} and {@code TLS_V1_2} are all read, and refused with one clear message when not 1.2 or 1.3.
 */
public record ListenerTlsSettings(
        String cert,
        String key,
        List<String> cipherSuites,
        @JsonAlias("minTlsVersion") String minTLSVersion,
        @JsonAlias("maxTlsVersion") String maxTLSVersion) {

    /** The keys this record owns, aliases included, so the kernel can tell them from plugin keys. */
    public static final List<String> KEYS = List.of("cert", "key", "cipherSuites", "minTLSVersion", "maxTLSVersion",
            "minTlsVersion", "maxTlsVersion");
}
