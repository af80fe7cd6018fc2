package dev.jetway.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javax.crypto.SecretKey;

import dev.jetway.api.tls.PemLoader;

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

    /** Reads PEM certificates and keys, with errors that name the field. */
    PemLoader pem();

    /**
     * The AES-256 key that protects session tokens handed to clients ({@code config.session.key}, or the
     * {@code SESSION_KEY} environment variable, as 64 hex digits); empty when sessions are not to be encrypted.
     * Replicas given the same key can read each other's tokens.
     */
    Optional<SecretKey> sessionKey();

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
}
