package dev.jetway.plugin.backendtls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.upstream.UpstreamTls;
import dev.jetway.api.upstream.UpstreamTlsFactory;
import dev.jetway.plugin.backendtls.BackendTlsConfig.Ref;
import dev.jetway.plugin.backendtls.BackendTlsConfig.RefForm;
import dev.jetway.plugin.backendtls.BackendTlsConfig.SkipVerify;
import dev.jetway.plugin.backendtls.TlsSettings.Source;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code backendTLS}, on a route or a backend: how its backends verify, identify themselves to, and name their TLS
 * upstreams. Also what {@code https://} upstreams get without it: the system roots, SNI from the destination.
 */
@Extension
public final class BackendTlsFactory implements UpstreamTlsFactory<BackendTlsConfig> {

    private static final Logger LOG = LoggerFactory.getLogger(BackendTlsFactory.class);
    private static final Set<String> ALPN = Set.of("h2", "http/1.1");

    @Override
    public String type() {
        return "backendTLS";
    }

    @Override
    public Class<BackendTlsConfig> configType() {
        return BackendTlsConfig.class;
    }

    @Override
    public UpstreamTls defaults(FactoryContext context) {
        return new BackendTls(TlsSettings.defaults(), context.pem());
    }

    @Override
    public UpstreamTls create(BackendTlsConfig config, FactoryContext context) throws ConfigException {
        if (config.tls() != null && config.hasFileForm()) {
            throw new ConfigException("", "use either tls: {...} (certificate refs) or root/cert/key/hostname (files), not both");
        }
        TlsSettings settings = config.tls() != null ? fromRefs(config.tls(), context) : fromFiles(config, context);
        BackendTls tls = new BackendTls(settings, context.pem());
        tls.validate();
        if (!settings.verifyChain()) {
            LOG.warn("{}: backendTLS skips all verification of upstream certificates (insecure); use only in development",
                    context.location());
        } else if (!settings.verifyName()) {
            LOG.warn("{}: backendTLS does not verify upstream certificate names (insecure)", context.location());
        }
        return tls;
    }

    private static TlsSettings fromRefs(RefForm tls, FactoryContext context) throws ConfigException {
        CertificateRefs refs = new CertificateRefs(context.certificateRefsDir());
        List<ConfigProblem> problems = new ArrayList<>();
        List<Source> trust = new ArrayList<>();
        List<Ref> caRefs = tls.caCertificateRefs() == null ? List.of() : tls.caCertificateRefs();
        for (int i = 0; i < caRefs.size(); i++) {
            String field = "tls.caCertificateRefs[" + i + "].name";
            try {
                trust.add(new Source(field, refs.file(field, caRefs.get(i) == null ? null : caRefs.get(i).name(), CertificateRefs.CA)));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        Source cert = null;
        Source key = null;
        List<Ref> mtls = tls.mtlsCertificateRef() == null ? List.of() : tls.mtlsCertificateRef();
        if (mtls.size() > 1) {
            problems.add(new ConfigProblem("tls.mtlsCertificateRef", "one client certificate Secret only, found " + mtls.size()));
        } else if (mtls.size() == 1) {
            String field = "tls.mtlsCertificateRef[0].name";
            String name = mtls.get(0) == null ? null : mtls.get(0).name();
            try {
                cert = new Source(field, refs.file(field, name, CertificateRefs.CERT));
                key = new Source(field, refs.file(field, name, CertificateRefs.KEY));
                Path secretCa = refs.optionalFile(field, name, CertificateRefs.CA);
                if (secretCa != null) {
                    trust.add(new Source(field, secretCa));
                }
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        SkipVerify skip = tls.insecureSkipVerify();
        return new TlsSettings(trust, cert, key, sni("tls.sni", tls.sni()), skip != SkipVerify.ALL, skip == null,
                List.of(), List.of());
    }

    private static TlsSettings fromFiles(BackendTlsConfig config, FactoryContext context) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        List<Source> trust = new ArrayList<>();
        if (config.root() != null) {
            trust.add(new Source("root", context.file("root", config.root())));
        }
        if ((config.cert() == null) != (config.key() == null)) {
            problems.add(new ConfigProblem(config.cert() == null ? "cert" : "key",
                    "cert and key go together: the client certificate and its private key"));
        }
        Source cert = config.cert() == null || config.key() == null ? null : new Source("cert", context.file("cert", config.cert()));
        Source key = cert == null ? null : new Source("key", context.file("key", config.key()));
        List<String> alpn = config.alpn() == null ? List.of() : config.alpn();
        for (int i = 0; i < alpn.size(); i++) {
            if (!ALPN.contains(alpn.get(i))) {
                problems.add(new ConfigProblem("alpn[" + i + "]", "unsupported protocol \"" + alpn.get(i) + "\"; allowed: h2, http/1.1"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        boolean insecure = Boolean.TRUE.equals(config.insecure());
        boolean insecureHost = Boolean.TRUE.equals(config.insecureHost());
        List<String> sans = config.subjectAltNames() == null ? List.of() : config.subjectAltNames();
        return new TlsSettings(trust, cert, key, sni("hostname", config.hostname()), !insecure, !insecureHost, sans, alpn);
    }

    private static String sni(String field, String name) throws ConfigException {
        if (name == null) {
            return null;
        }
        if (!name.matches("[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*")) {
            throw new ConfigException(field, "\"" + name + "\" is not a DNS name (SNI cannot carry an IP address)");
        }
        return name;
    }
}
