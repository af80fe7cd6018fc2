package dev.jetway.core.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import dev.jetway.api.BackendFactory;
import dev.jetway.api.PolicyFactory;
import dev.jetway.api.tls.ListenerTlsFactory;
import dev.jetway.api.upstream.UpstreamTlsFactory;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers the gateway's extensions with PF4J: plugin jars and zips in the plugin folders, plus extensions on the
 * class path (the bundled ones when embedded, and every plugin under test). Keys must be unique: two factories for
 * one YAML key is a startup error naming both sources.
 */
public final class PluginRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

    private final PluginManager manager;
    private final Map<String, Registered<BackendFactory<?>>> backends;
    private final Map<String, Registered<PolicyFactory<?>>> policies;
    private final Map<String, Registered<UpstreamTlsFactory<?>>> upstreamTls;
    private final List<Registered<ListenerTlsFactory<?>>> listenerTls;

    private PluginRegistry(PluginManager manager) {
        this.manager = manager;
        this.backends = keyed(BackendFactory.class, BackendFactory::type, "backend");
        this.policies = keyed(PolicyFactory.class, PolicyFactory::type, "policy");
        this.upstreamTls = keyed(UpstreamTlsFactory.class, UpstreamTlsFactory::type, "upstream TLS policy");
        this.listenerTls = all(ListenerTlsFactory.class);
        for (String key : upstreamTls.keySet()) {
            if (policies.containsKey(key)) {
                throw new IllegalStateException("two factories for the policy key \"" + key + "\": "
                        + policies.get(key).source() + " and " + upstreamTls.get(key).source());
            }
        }
    }

    /**
     * Loads and starts the plugins found in {@code pluginDirs} (folders that do not exist are skipped) and indexes
     * every extension.
     *
     * @throws IllegalStateException when two extensions claim one key
     */
    public static PluginRegistry load(List<Path> pluginDirs) {
        List<Path> existing = pluginDirs.stream().filter(Files::isDirectory).toList();
        DefaultPluginManager manager = new DefaultPluginManager(existing);
        if (!existing.isEmpty()) {
            manager.loadPlugins();
            manager.startPlugins();
        }
        for (PluginWrapper plugin : manager.getPlugins()) {
            LOG.info("Plugin {} {} ({}) from {}", plugin.getPluginId(), plugin.getDescriptor().getVersion(),
                    plugin.getPluginState(), plugin.getPluginPath());
        }
        PluginRegistry registry = new PluginRegistry(manager);
        registry.logExtensions();
        return registry;
    }

    public Map<String, Registered<BackendFactory<?>>> backends() {
        return backends;
    }

    public Map<String, Registered<PolicyFactory<?>>> policies() {
        return policies;
    }

    /** Policy keys that configure how backends reach upstreams ({@code backendTLS}), by key. */
    public Map<String, Registered<UpstreamTlsFactory<?>>> upstreamTls() {
        return upstreamTls;
    }

    public List<Registered<ListenerTlsFactory<?>>> listenerTls() {
        return listenerTls;
    }

    /** Every loaded extension of {@code extensionPoint}, from the class path and from plugins. */
    public <T> List<T> extensions(Class<T> extensionPoint) {
        return List.copyOf(manager.getExtensions(extensionPoint));
    }

    /** Each loaded plugin and what it provides, for the admin's {@code /plugins}. */
    public List<Map<String, Object>> describe() {
        Map<String, Map<String, Object>> bySource = new LinkedHashMap<>();
        for (PluginWrapper plugin : manager.getPlugins()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", plugin.getPluginId());
            entry.put("version", plugin.getDescriptor().getVersion());
            entry.put("state", plugin.getPluginState().toString());
            entry.put("source", plugin.getPluginPath().toString());
            entry.put("extensions", new ArrayList<String>());
            bySource.put("plugin " + plugin.getPluginId() + " " + plugin.getDescriptor().getVersion() + " (" + plugin.getPluginPath() + ")", entry);
        }
        java.util.function.BiConsumer<String, String> add = (source, extension) -> {
            Map<String, Object> entry = bySource.computeIfAbsent(source, s -> {
                Map<String, Object> classpath = new LinkedHashMap<>();
                classpath.put("id", "classpath");
                classpath.put("source", "classpath");
                classpath.put("extensions", new ArrayList<String>());
                return classpath;
            });
            @SuppressWarnings("unchecked")
            List<String> extensions = (List<String>) entry.get("extensions");
            extensions.add(extension);
        };
        backends.forEach((key, r) -> add.accept(r.source(), "backend " + key));
        policies.forEach((key, r) -> add.accept(r.source(), "policy " + key));
        upstreamTls.forEach((key, r) -> add.accept(r.source(), "policy " + key + " (upstream TLS)"));
        listenerTls.forEach(r -> add.accept(r.source(), "listener tls " + r.factory().name()));
        return List.copyOf(bySource.values());
    }

    @Override
    public void close() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }

    private <T> Map<String, Registered<T>> keyed(Class<?> type, Function<T, String> key, String kind) {
        Map<String, Registered<T>> byKey = new TreeMap<>();
        List<Registered<T>> found = all(type);
        for (Registered<T> registered : found) {
            String name = key.apply(registered.factory());
            if (name == null || name.isBlank()) {
                throw new IllegalStateException(kind + " factory " + registered.factory().getClass().getName()
                        + " from " + registered.source() + " has no YAML key");
            }
            Registered<T> previous = byKey.putIfAbsent(name, registered);
            if (previous != null) {
                throw new IllegalStateException("two " + kind + " factories for the key \"" + name + "\": "
                        + previous.factory().getClass().getName() + " from " + previous.source() + " and "
                        + registered.factory().getClass().getName() + " from " + registered.source());
            }
        }
        return Collections.unmodifiableMap(byKey);
    }

    @SuppressWarnings("unchecked")
    private <T> List<Registered<T>> all(Class<?> type) {
        List<Registered<T>> found = new ArrayList<>();
        for (Object extension : manager.getExtensions(type)) {
            found.add(new Registered<>((T) extension, sourceOf(extension.getClass())));
        }
        return List.copyOf(found);
    }

    private String sourceOf(Class<?> extensionClass) {
        PluginWrapper plugin = manager.whichPlugin(extensionClass);
        if (plugin == null) {
            return "classpath";
        }
        return "plugin " + plugin.getPluginId() + " " + plugin.getDescriptor().getVersion() + " (" + plugin.getPluginPath() + ")";
    }

    private void logExtensions() {
        Map<String, List<String>> bySource = new LinkedHashMap<>();
        backends.forEach((key, r) -> bySource.computeIfAbsent(r.source(), s -> new ArrayList<>()).add("backend " + key));
        policies.forEach((key, r) -> bySource.computeIfAbsent(r.source(), s -> new ArrayList<>()).add("policy " + key));
        upstreamTls.forEach((key, r) -> bySource.computeIfAbsent(r.source(), s -> new ArrayList<>()).add("policy " + key));
        listenerTls.forEach(r -> bySource.computeIfAbsent(r.source(), s -> new ArrayList<>())
                .add("listener tls " + r.factory().name()));
        bySource.forEach((source, keys) -> LOG.info("Extensions from {}: {}", source, String.join(", ", keys)));
    }
}
