package dev.jetway.plugin.backendtls;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code backendTLS}, in the reference doc's form ({@code tls: {caCertificateRefs, sni, insecureSkipVerify,
 * mtlsCertificateRef}}, with Kubernetes-style certificate refs) or agentgateway's file form ({@code root, cert, key,
 * hostname, insecure, insecureHost, alpn, subjectAltNames}); one or the other.
 */
public record BackendTlsConfig(
        RefForm tls,
        String root,
        String cert,
        String key,
        String hostname,
        Boolean insecure,
        Boolean insecureHost,
        List<String> alpn,
        List<String> subjectAltNames) {

    /** {@code tls: {...}}: {@code tls: {}} alone means the system roots and SNI from the destination. */
    public record RefForm(List<Ref> caCertificateRefs, String sni, SkipVerify insecureSkipVerify,
                          List<Ref> mtlsCertificateRef) {
    }

    /** A ConfigMap or Secret by name. */
    public record Ref(String name) {
    }

    /** What {@code insecureSkipVerify} skips. */
    public enum SkipVerify {
        /** Nothing is verified. */
        @JsonProperty("All") ALL,
        /** The chain is verified, the name is not. */
        @JsonProperty("Hostname") HOSTNAME
    }

    boolean hasFileForm() {
        return root != null || cert != null || key != null || hostname != null || insecure != null
                || insecureHost != null || alpn != null || subjectAltNames != null;
    }
}
