package dev.jetway.plugin.mtls;

/** The {@code tls.root} key of an HTTPS listener: a PEM bundle of the CAs client certificates must chain to. */
public record MtlsConfig(String root) {
}
