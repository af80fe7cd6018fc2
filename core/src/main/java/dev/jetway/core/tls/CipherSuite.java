package dev.jetway.core.tls;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The cipher suites a listener may be configured with: the IANA names (which the JDK uses too) and the aliases
 * agentgateway's users write.
 */
public enum CipherSuite {
    TLS_AES_256_GCM_SHA384("TLS13_AES_256_GCM_SHA384", KeyType.ANY, true),
    TLS_AES_128_GCM_SHA256("TLS13_AES_128_GCM_SHA256", KeyType.ANY, true),
    TLS_CHACHA20_POLY1305_SHA256("TLS13_CHACHA20_POLY1305_SHA256", KeyType.ANY, true),
    TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384("ECDHE-ECDSA-AES256-GCM-SHA384", KeyType.EC, false),
    TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256("ECDHE-ECDSA-AES128-GCM-SHA256", KeyType.EC, false),
    TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256("ECDHE-ECDSA-CHACHA20-POLY1305", KeyType.EC, false),
    TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384("ECDHE-RSA-AES256-GCM-SHA384", KeyType.RSA, false),
    TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256("ECDHE-RSA-AES128-GCM-SHA256", KeyType.RSA, false),
    TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256("ECDHE-RSA-CHACHA20-POLY1305", KeyType.RSA, false);

    /** The certificate key a TLS 1.2 suite needs; TLS 1.3 suites work with any. */
    public enum KeyType { ANY, RSA, EC }

    /**
     * Used when a listener lists none: AES-GCM only, as agentgateway does; AES-128 first, as OpenSSL and BoringSSL
     * order them, for its cheaper rounds at the same practical strength.
     */
    public static final List<CipherSuite> DEFAULTS = List.of(
            TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384,
            TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384);

    private final String alias;
    private final KeyType keyType;
    private final boolean tls13;

    CipherSuite(String alias, KeyType keyType, boolean tls13) {
        this.alias = alias;
        this.keyType = keyType;
        this.tls13 = tls13;
    }

    /** The IANA (and JDK) name. */
    public String ianaName() {
        return name();
    }

    public String alias() {
        return alias;
    }

    public KeyType keyType() {
        return keyType;
    }

    public boolean isTls13() {
        return tls13;
    }

    /** Looks a configured name up by IANA name or alias, ignoring case. */
    public static Optional<CipherSuite> byName(String name) {
        String wanted = name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(s -> s.name().equals(wanted) || s.alias.toUpperCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }

    /** For error messages: every accepted name with its alias. */
    public static String accepted() {
        return Arrays.stream(values()).map(s -> s.name() + " (" + s.alias + ")").collect(Collectors.joining(", "));
    }
}
