package dev.jetway.plugin.backendtls;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.jetway.api.ConfigException;

/**
 * Certificate refs resolved the way Kubernetes mounts them: a folder per name under the refs folder, with
 * {@code ca.crt} for a ConfigMap, and {@code tls.crt}, {@code tls.key} and an optional {@code ca.crt} for a
 * {@code kubernetes.io/tls} Secret.
 */
final class CertificateRefs {

    static final String CA = "ca.crt";
    static final String CERT = "tls.crt";
    static final String KEY = "tls.key";

    private final Path dir;

    CertificateRefs(Path dir) {
        this.dir = dir;
    }

    /** The folder of {@code name}. */
    Path folder(String field, String name) throws ConfigException {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("..")) {
            throw new ConfigException(field, "a ref needs a name (a ConfigMap or Secret name, no slashes)");
        }
        Path folder = dir.resolve(name);
        if (!Files.isDirectory(folder)) {
            throw new ConfigException(field, "certificate ref \"" + name + "\" not found: expected the folder " + folder
                    + " (set config.certificateRefsDir to where the refs are mounted)");
        }
        return folder;
    }

    /** A file the ref must hold. */
    Path file(String field, String name, String file) throws ConfigException {
        Path path = folder(field, name).resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new ConfigException(field, "certificate ref \"" + name + "\" has no " + file + " (looked for " + path + ")");
        }
        return path;
    }

    /** A file the ref may hold, or {@code null}. */
    Path optionalFile(String field, String name, String file) throws ConfigException {
        Path path = folder(field, name).resolve(file);
        return Files.isRegularFile(path) ? path : null;
    }
}
