package dev.jetway.core.tls;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.api.tls.ListenerTlsCustomizer;
import dev.jetway.api.tls.PemLoader;
import dev.jetway.core.config.GlobalSettings.TlsProvider;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link SslContextFactory.Server} of an HTTPS listener from its {@code tls} block: the PEM key pair,
 * the TLS version range, the cipher suites in the configured order with the server's order preferred, and the TLS
 * provider, falling back to the JDK's where Conscrypt could not honour the settings exactly.
 */
public final class ListenerTlsBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerTlsBuilder.class);

    private final PemLoader pem;
    private final TlsProvider provider;

    public ListenerTlsBuilder(PemLoader pem, TlsProvider provider) {
        this.pem = pem;
        this.provider = provider;
    }

    /**
     * @param listener the listener's name, for log lines
     * @throws ConfigException with fields relative to the {@code tls} block
     */
    public SslContextFactory.Server build(String listener, ListenerTlsSettings settings,
                                          List<ListenerTlsCustomizer> customizers) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        TlsVersion min = version("minTLSVersion", settings.minTLSVersion(), TlsVersion.TLS_1_2, problems);
        TlsVersion max = version("maxTLSVersion", settings.maxTLSVersion(), TlsVersion.TLS_1_3, problems);
        if (min != null && max != null && min.compareTo(max) > 0) {
            problems.add(new ConfigProblem("minTLSVersion", "minTLSVersion " + min.shortName()
                    + " is above maxTLSVersion " + max.shortName()));
        }
        boolean explicitSuites = settings.cipherSuites() != null && !settings.cipherSuites().isEmpty();
        List<CipherSuite> suites = explicitSuites ? suites(settings.cipherSuites(), problems) : CipherSuite.DEFAULTS;
        KeyStore keyStore = keyStore(settings, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }

        CipherSuite.KeyType keyType = keyType(keyStore);
        Set<TlsVersion> versions = EnumSet.range(min, max);
        List<CipherSuite> usable = suites.stream().filter(s -> usable(s, versions, keyType)).toList();
        if (usable.isEmpty()) {
            throw new ConfigException("cipherSuites", "none of the cipher suites can be negotiated with TLS "
                    + range(min, max) + " and " + article(keyType) + " certificate; TLS 1.3 needs a TLS13_ suite, TLS 1.2 an ECDHE_"
                    + (keyType == CipherSuite.KeyType.RSA ? "RSA" : "ECDSA") + " suite");
        }
        for (CipherSuite s : suites) {
            if (explicitSuites && !usable.contains(s)) {
                LOG.warn("Listener {}: cipher suite {} will never be negotiated ({})", listener, s.ianaName(),
                        s.isTls13() ? "TLS 1.3 is not enabled" : !versions.contains(TlsVersion.TLS_1_2)
                                ? "TLS 1.2 is not enabled" : "it needs " + article(s.keyType()) + " certificate");
            }
        }

        boolean useConscrypt = provider == TlsProvider.CONSCRYPT;
        List<CipherSuite> enabled = usable;
        if (useConscrypt && versions.contains(TlsVersion.TLS_1_3)) {
            List<CipherSuite> tls13 = usable.stream().filter(CipherSuite::isTls13).toList();
            if (!explicitSuites) {
                enabled = new ArrayList<>(ConscryptSupport.TLS13_SUITES);
                enabled.addAll(usable.stream().filter(s -> !s.isTls13()).toList());
            } else if (!tls13.equals(ConscryptSupport.TLS13_SUITES)) {
                LOG.warn("Listener {}: tlsProvider conscrypt cannot restrict or reorder TLS 1.3 cipher suites (BoringSSL "
                        + "always offers {}); this listener uses the JDK provider to keep to its cipherSuites", listener,
                        names(ConscryptSupport.TLS13_SUITES));
                useConscrypt = false;
            }
            if (useConscrypt && enabled.stream().allMatch(CipherSuite::isTls13)) {
                // Conscrypt hands BoringSSL the TLS 1.2 part of the list: an empty one fails every handshake, even
                // with TLS 1.2 disabled. These are never negotiated here, as TLS 1.2 is not enabled.
                enabled = new ArrayList<>(enabled);
                enabled.addAll(CipherSuite.DEFAULTS.stream().filter(c -> !c.isTls13() && c.keyType() == keyType).toList());
            }
        }

        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setKeyStore(keyStore);
        factory.setKeyStorePassword(PemLoader.KEY_PASSWORD);
        factory.setKeyManagerPassword(PemLoader.KEY_PASSWORD);
        factory.setIncludeProtocols(versions.stream().map(TlsVersion::jdkName).toArray(String[]::new));
        factory.setIncludeCipherSuites(enabled.stream().map(CipherSuite::ianaName).toArray(String[]::new));
        factory.setUseCipherSuitesOrder(true);
        factory.setRenegotiationAllowed(false);
        factory.setSniRequired(false);
        if (useConscrypt) {
            ConscryptSupport.install();
            factory.setProvider(ConscryptSupport.PROVIDER);
        }
        for (ListenerTlsCustomizer customizer : customizers) {
            customizer.customize(factory);
        }
        LOG.info("Listener {}: TLS {}, {} certificate, provider {}, cipher suites {}", listener, range(min, max),
                keyType == CipherSuite.KeyType.EC ? "EC" : "RSA", useConscrypt ? "conscrypt" : "jdk", names(enabled));
        return factory;
    }

    private static TlsVersion version(String field, String value, TlsVersion fallback, List<ConfigProblem> problems) {
        if (value == null) {
            return fallback;
        }
        return TlsVersion.parse(value).orElseGet(() -> {
            String v = value.trim();
            boolean old = v.matches("(?i)(TLS_?V?)?1[._][01]|(?i)TLSv1|(?i)SSL.*");
            problems.add(new ConfigProblem(field, old
                    ? "TLS version \"" + value + "\" is not supported: only 1.2 and 1.3 are; allowed values: " + TlsVersion.ALLOWED
                    : "invalid TLS version \"" + value + "\"; allowed values: " + TlsVersion.ALLOWED));
            return null;
        });
    }

    private static List<CipherSuite> suites(List<String> names, List<ConfigProblem> problems) {
        Set<CipherSuite> suites = new LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String field = "cipherSuites[" + i + "]";
            if (name == null) {
                problems.add(new ConfigProblem(field, "expected a cipher suite name"));
                continue;
            }
            CipherSuite.byName(name).ifPresentOrElse(suite -> {
                if (!suites.add(suite)) {
                    problems.add(new ConfigProblem(field, "cipher suite " + name + " is listed twice"));
                }
            }, () -> problems.add(new ConfigProblem(field, "unknown cipher suite \"" + name + "\"; accepted: "
                    + CipherSuite.accepted())));
        }
        return List.copyOf(suites);
    }

    private KeyStore keyStore(ListenerTlsSettings settings, List<ConfigProblem> problems) {
        if (settings.cert() == null) {
            problems.add(new ConfigProblem("cert", "cert is required: the PEM certificate (chain) file"));
        }
        if (settings.key() == null) {
            problems.add(new ConfigProblem("key", "key is required: the PEM private key file"));
        }
        if (settings.cert() == null || settings.key() == null) {
            return null;
        }
        try {
            return pem.keyStore("cert", settings.cert(), "key", settings.key());
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    private static CipherSuite.KeyType keyType(KeyStore keyStore) {
        try {
            String algorithm = keyStore.getCertificate("key").getPublicKey().getAlgorithm();
            return "RSA".equals(algorithm) ? CipherSuite.KeyType.RSA : CipherSuite.KeyType.EC;
        } catch (KeyStoreException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean usable(CipherSuite suite, Set<TlsVersion> versions, CipherSuite.KeyType keyType) {
        if (suite.isTls13()) {
            return versions.contains(TlsVersion.TLS_1_3);
        }
        return versions.contains(TlsVersion.TLS_1_2) && suite.keyType() == keyType;
    }

    private static String range(TlsVersion min, TlsVersion max) {
        return min == max ? min.shortName() + " only" : min.shortName() + "-" + max.shortName();
    }

    private static String article(CipherSuite.KeyType keyType) {
        return keyType == CipherSuite.KeyType.RSA ? "an RSA" : "an EC";
    }

    private static String names(List<CipherSuite> suites) {
        return suites.stream().map(CipherSuite::ianaName).collect(Collectors.joining(", "));
    }
}
