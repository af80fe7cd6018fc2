package dev.jetway.plugin.backendauth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.api.FactoryContext;
import dev.jetway.api.PolicyFactory;
import dev.jetway.api.PolicyScope;
import org.eclipse.jetty.server.Handler;
import org.pf4j.Extension;

/**
 * {@code backendAuth}: what the gateway presents upstream as {@code Authorization: Bearer ...}.
 *
 * <pre>{@code
 * backendAuth: {passthrough: {}}           # the client's token, as jwtAuth verified it
 * backendAuth: {key: {file: ./api-key}}    # a key of the gateway's
 * }</pre>
 */
@Extension
public final class BackendAuthFactory implements PolicyFactory<BackendAuthConfig> {

    @Override
    public String type() {
        return "backendAuth";
    }

    @Override
    public Class<BackendAuthConfig> configType() {
        return BackendAuthConfig.class;
    }

    /** Just around the backend call: after authentication, and after the policies that rewrite the request. */
    @Override
    public int order() {
        return ORDER_BACKEND_CALL - 10;
    }

    @Override
    public Set<PolicyScope> scopes() {
        return Set.of(PolicyScope.ROUTE, PolicyScope.BACKEND);
    }

    @Override
    public Handler.Wrapper create(BackendAuthConfig config, FactoryContext context) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        refuse(problems, "gcp", config.gcp());
        refuse(problems, "aws", config.aws());
        refuse(problems, "azure", config.azure());
        int kinds = (config.passthrough() == null ? 0 : 1) + (config.key() == null ? 0 : 1);
        if (kinds != 1 && problems.isEmpty()) {
            problems.add(new ConfigProblem("", "backendAuth is one of {passthrough: {}}, {key: <secret> | {file: <path>}}"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config.passthrough() != null ? BackendAuthHandler.passthrough() : BackendAuthHandler.key(key(config.key(), context));
    }

    private static void refuse(List<ConfigProblem> problems, String cloud, Object written) {
        if (written != null) {
            problems.add(new ConfigProblem(cloud, "backendAuth " + cloud + " is not supported yet; supported:"
                    + " passthrough, key"));
        }
    }

    private static String key(Key key, FactoryContext context) throws ConfigException {
        if (key.inline() != null) {
            return requireKey(key.inline(), "key", "key");
        }
        Path file = context.file("key.file", key.file());
        try {
            // A trailing newline is how editors save files, never part of the key.
            return requireKey(Files.readString(file).strip(), "key.file", file.toString());
        } catch (IOException e) {
            throw new ConfigException("key.file", "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String requireKey(String key, String field, String source) throws ConfigException {
        if (key.isBlank() || key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ConfigException(field, source + " must hold the key: printable characters on one line");
        }
        return key;
    }
}
