package dev.jetway.core.tls;

import java.util.Optional;

/** The TLS versions a listener may use, with the spellings agentgateway accepts. */
public enum TlsVersion {
    TLS_1_2("TLSv1.2", "1.2"),
    TLS_1_3("TLSv1.3", "1.3");

    private final String jdkName;
    private final String shortName;

    TlsVersion(String jdkName, String shortName) {
        this.jdkName = jdkName;
        this.shortName = shortName;
    }

    /** The protocol name of {@link javax.net.ssl.SSLEngine#setEnabledProtocols}. */
    public String jdkName() {
        return jdkName;
    }

    public String shortName() {
        return shortName;
    }

    /** Parses {@code "1.2"}, {@code "TLS_V1_2"}, {@code "TLSv1.2"} and the like; empty when not 1.2 or 1.3. */
    public static Optional<TlsVersion> parse(String text) {
        String s = text.trim().toUpperCase(java.util.Locale.ROOT).replace("TLSV", "").replace("TLS_V", "").replace('_', '.');
        return switch (s) {
            case "1.2" -> Optional.of(TLS_1_2);
            case "1.3" -> Optional.of(TLS_1_3);
            default -> Optional.empty();
        };
    }

    /** For error messages. */
    public static final String ALLOWED = "\"1.2\", \"1.3\" (also TLS_V1_2, TLS_V1_3)";
}
