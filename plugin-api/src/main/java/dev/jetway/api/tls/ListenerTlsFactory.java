package dev.jetway.api.tls;

import dev.jetway.api.ConfigException;
import dev.jetway.api.FactoryContext;
import org.pf4j.ExtensionPoint;

/**
 * Extends the {@code tls} block of HTTPS listeners with keys of its own.
 *
 * <p>The kernel owns {@code cert}, {@code key}, {@code cipherSuites}, {@code minTLSVersion} and
 * {@code maxTLSVersion}. The components of {@link #configType()} name further keys; when a listener's {@code tls}
 * block holds at least one of them, the kernel binds those keys into the record and calls {@link #create}.
 * Two factories claiming the same key is a startup error.
 *
 * <pre>{@code
 * public record MtlsConfig(String root) {}
 *
 * @Extension
 * public final class MtlsFactory implements ListenerTlsFactory<MtlsConfig> {
 *     public String name() { return "mtls"; }
 *     public Class<MtlsConfig> configType() { return MtlsConfig.class; }
 *     public ListenerTlsCustomizer create(MtlsConfig config, FactoryContext context) throws ConfigException {
 *         KeyStore roots = context.pem().trustStore("root", config.root());
 *         return ssl -> { ssl.setTrustStore(roots); ssl.setNeedClientAuth(true); };
 *     }
 * }
 * }</pre>
 *
 * @param <C> a record whose components are the {@code tls} keys this factory owns
 */
public interface ListenerTlsFactory<C extends Record> extends ExtensionPoint {

    /** A short stable name for logs and messages. */
    String name();

    Class<C> configType();

    /**
     * @throws ConfigException naming the offending keys of the {@code tls} block
     */
    ListenerTlsCustomizer create(C config, FactoryContext context) throws ConfigException;
}
