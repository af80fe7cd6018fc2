package dev.jetway.core.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import javax.crypto.SecretKey;

import dev.jetway.api.ConfigException;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.tls.PemLoader;
import dev.jetway.core.plugin.PluginRegistry;
import dev.jetway.core.tls.PemFiles;

/** The {@link FactoryContext} of one piece of the gateway. */
final class KernelContext implements FactoryContext {

    private final String location;
    private final Path workingDir;
    private final Path configDir;
    private final SecretKey sessionKey;
    private final PluginRegistry registry;
    private final PemFiles pem;

    KernelContext(String location, Path workingDir, Path configDir, SecretKey sessionKey, PluginRegistry registry) {
        this.location = location;
        this.workingDir = workingDir;
        this.configDir = configDir;
        this.sessionKey = sessionKey;
        this.registry = registry;
        this.pem = new PemFiles(this::file);
    }

    KernelContext at(String otherLocation) {
        return new KernelContext(otherLocation, workingDir, configDir, sessionKey, registry);
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public Path file(String field, String path) throws ConfigException {
        if (path == null || path.isBlank()) {
            throw new ConfigException(field, field + " is required: a file path");
        }
        Path given = Path.of(path);
        Path found;
        if (given.isAbsolute()) {
            found = Files.exists(given) ? given : null;
        } else {
            Path inWorkingDir = workingDir.resolve(given);
            Path inConfigDir = configDir == null ? null : configDir.resolve(given);
            found = Files.exists(inWorkingDir) ? inWorkingDir
                    : inConfigDir != null && Files.exists(inConfigDir) ? inConfigDir : null;
        }
        if (found == null) {
            String where = given.isAbsolute() || configDir == null || configDir.equals(workingDir)
                    ? "" : " (looked in " + workingDir + " and " + configDir + ")";
            throw new ConfigException(field, "file not found: " + path + where);
        }
        if (!Files.isRegularFile(found) || !Files.isReadable(found)) {
            throw new ConfigException(field, "cannot read " + found + ": not a readable file");
        }
        return found;
    }

    @Override
    public PemLoader pem() {
        return pem;
    }

    @Override
    public Optional<SecretKey> sessionKey() {
        return Optional.ofNullable(sessionKey);
    }

    @Override
    public <T> List<T> extensions(Class<T> extensionPoint) {
        return registry.extensions(extensionPoint);
    }
}
