package dev.jetway.api;

import java.nio.file.Path;

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
}
