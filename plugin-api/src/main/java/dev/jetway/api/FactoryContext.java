package dev.jetway.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javax.crypto.SecretKey;

import dev.jetway.api.tls.PemLoader;
import dev.jetway.api.upstream.UpstreamTls;
import org.eclipse.jetty.client.HttpClient;

/**
 * What the kernel offers a factory while it builds one piece of the gateway.
 */
public interface FactoryContext {

    /**
     * Where the piece being built sits, for log lines and error bodies, such as
     * {@code route "r1" of listener "default" on port 3000}.
     */
    String location();

    /**
     * Resolves a file named in the config the way agentgateway does (against the working directory), falling back
     * to the config file's folder.
     *
     * @param field the field that names the file, for the error message
     * @throws ConfigException when the file does not exist or cannot be read
     */
    Path file(String field, String path) throws ConfigException;

    /**
     * {@code text} fit for a log line: the values of environment variables the config refers to (often secrets, as in
     * {@code Bearer $TOKEN} or a URL's user info) replaced by their reference, {@code ${TOKEN}}.
     */
    String redacted(String text);

    /** Reads PEM certificates and keys, with errors that name the field. */
    PemLoader pem();

    /**
     * Where certificate refs ({@code caCertificateRefs: [{name: my-ca}]}) resolve: one folder per ref name, laid out as
     * Kubernetes mounts a ConfigMap ({@code ca.crt}) or a {@code kubernetes.io/tls} Secret ({@code tls.crt},
     * {@code tls.key}, optional {@code ca.crt}). {@code config.certificateRefsDir}, by default {@code refs/} beside
     * the config file.
     */
    Path certificateRefsDir();

    /** The upstream TLS settings of the backend being built: its own {@code backendTLS} policy, else its route's. */
    Optional<UpstreamTls> upstreamTls();

    /**
     * The HTTP client for calls to upstreams from here: HTTP/1.1 and, by ALPN, HTTP/2; TLS as {@link #upstreamTls()}
     * says (or verified against the system roots for {@code https://} when nothing does); no redirects, cookies or
     * content decoding, as a gateway must forward what it gets. Shared by everything with equal TLS settings,
     * started and stopped with the server: do not stop it, and do not make it a managed bean.
     */
    HttpClient httpClient();

    /**
     * The AES-256 key that protects session tokens handed to clients ({@code config.session.key}, or the
     * {@code SESSION_KEY} environment variable, as 64 hex digits); without either, a key made at start, which no
     * other replica or later process knows. Replicas given the same key can read each other's tokens.
     */
    SecretKey sessionKey();

    /**
     * The loaded extensions of an extension point that a plugin defines itself, so that plugins can be extended
     * by further plugin jars (which declare {@code Plugin-Dependencies} on the defining plugin). One instance per
     * extension per call.
     *
     * <pre>{@code
     * List<McpTargetFactory> targets = context.extensions(McpTargetFactory.class);
     * }</pre>
     */
    <T> List<T> extensions(Class<T> extensionPoint);

    /**
     * The gateway's metrics registry, scraped at {@code /metrics} in the Prometheus format. Name meters
     * {@code jetway.<plugin>.<what>} ({@code jetway.mcp.sessions}); they show up as {@code jetway_mcp_sessions}.
     */
    io.micrometer.core.instrument.MeterRegistry meters();

    /** The gateway's CEL compiler, for the expressions of the config ({@code rules}, {@code filter}, ...). */
    dev.jetway.api.expression.Expressions expressions();

    /**
     * Binds a nested value into a record with the kernel's rules and messages (unknown keys, types, Go durations),
     * for values whose type is only known at run time, such as the settings of a target kind another plugin adds.
     *
     * @param field where {@code value} sits, relative to this plugin's value, such as {@code targets[1].stdio}
     * @throws ConfigException naming the offending field below {@code field}
     */
    <T> T bind(com.fasterxml.jackson.databind.JsonNode value, Class<T> type, String field) throws ConfigException;
}
