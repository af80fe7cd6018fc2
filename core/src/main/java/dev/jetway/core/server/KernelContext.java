package dev.jetway.core.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.crypto.SecretKey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.api.ConfigException;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.expression.Expressions;
import dev.jetway.api.tls.PemLoader;
import dev.jetway.api.upstream.UpstreamTls;
import dev.jetway.core.config.ConfigBinder;
import dev.jetway.core.expression.CelExpressions;
import dev.jetway.core.plugin.PluginRegistry;
import dev.jetway.core.tls.PemFiles;
import dev.jetway.core.upstream.UpstreamClients;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.jetty.client.HttpClient;

/** The {@link FactoryContext} of one piece of the gateway. */
final class KernelContext implements FactoryContext {

    /**
     * What every context of one config shares.
     *
     * @param filesRead every file any factory of the config read, for the reloader to watch
     * @param variables the environment variables the config refers to, with their values
     */
    record Shared(Path workingDir, Path configDir, Path refsDir, SecretKey sessionKey, PluginRegistry registry,
                  UpstreamClients clients, MeterRegistry meters, Set<Path> filesRead, Map<String, String> variables) {

        /** For pieces built without a config file: paths from the working directory, the process's session key. */
        static Shared outsideAConfig(GatewayOptions options, PluginRegistry registry, UpstreamClients clients,
                                     MeterRegistry meters) {
            return new Shared(options.workingDir(), null, options.workingDir().resolve("refs"), SessionKeys.processKey(),
                    registry, clients, meters, new java.util.HashSet<>(), Map.of());
        }
    }

    private static final ConfigBinder BINDER = new ConfigBinder();

    private final String location;
    private final Shared shared;
    private final UpstreamTls upstreamTls;
    private final Set<Path> pieceFiles;
    private final PemFiles pem;

    KernelContext(String location, Shared shared, UpstreamTls upstreamTls, Set<Path> pieceFiles) {
        this.location = location;
        this.shared = shared;
        this.upstreamTls = upstreamTls;
        this.pieceFiles = pieceFiles;
        this.pem = new PemFiles(this::file);
    }

    KernelContext at(String otherLocation) {
        return new KernelContext(otherLocation, shared, null, null);
    }

    /** The context of a piece of a route, which records the files it reads. */
    KernelContext at(String otherLocation, UpstreamTls tls, Set<Path> filesRead) {
        return new KernelContext(otherLocation, shared, tls, filesRead);
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
        Path workingDir = shared.workingDir();
        Path configDir = shared.configDir();
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
        Path absolute = found.toAbsolutePath().normalize();
        shared.filesRead().add(absolute);
        if (pieceFiles != null) {
            pieceFiles.add(absolute);
        }
        return found;
    }

    @Override
    public PemLoader pem() {
        return pem;
    }

    @Override
    public SecretKey sessionKey() {
        return shared.sessionKey();
    }

    @Override
    public <T> List<T> extensions(Class<T> extensionPoint) {
        return shared.registry().extensions(extensionPoint);
    }

    @Override
    public <T> T bind(JsonNode value, Class<T> type, String field) throws ConfigException {
        return BINDER.bind(value, type, field);
    }

    @Override
    public String redacted(String text) {
        return SecretRedaction.redact(text, shared.variables());
    }

    @Override
    public Expressions expressions() {
        return CelExpressions.get();
    }

    @Override
    public MeterRegistry meters() {
        return shared.meters();
    }

    @Override
    public Path certificateRefsDir() {
        return shared.refsDir();
    }

    @Override
    public Optional<UpstreamTls> upstreamTls() {
        return Optional.ofNullable(upstreamTls);
    }

    @Override
    public HttpClient httpClient() {
        try {
            return shared.clients().client(upstreamTls);
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the upstream client for " + location + ": " + e.getMessage(), e);
        }
    }
}
