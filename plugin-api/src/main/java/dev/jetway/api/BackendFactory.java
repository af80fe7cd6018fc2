package dev.jetway.api;

import org.eclipse.jetty.server.Handler;
import org.pf4j.ExtensionPoint;

/**
 * A backend type, selected by its YAML key in a route's {@code backends} list.
 *
 * <p>The kernel binds the value under the key into {@link #configType()} (a record; unknown keys, wrong types and
 * Go-style durations are handled for you) and calls {@link #create} once per backend entry while it builds the
 * gateway. The returned handler serves every request routed to that backend; it is started and stopped with the
 * server, so whatever it owns (clients, schedulers, child processes) should be one of its managed beans.
 *
 * <pre>{@code
 * @Extension
 * public final class EchoBackendFactory implements BackendFactory<EchoConfig> {
 *     public String type() { return "echo"; }
 *     public Class<EchoConfig> configType() { return EchoConfig.class; }
 *     public Handler create(EchoConfig config, FactoryContext context) throws ConfigException {
 *         if (config.body() == null) throw new ConfigException("body", "is required");
 *         return new EchoHandler(config.body());
 *     }
 * }
 * }</pre>
 *
 * @param <C> the typed config of this backend
 */
public interface BackendFactory<C> extends ExtensionPoint {

    /** The YAML key that selects this backend, such as {@code host} or {@code mcp}; unique among loaded plugins. */
    String type();

    /** The type the YAML value is bound into: usually a record, or an array or {@code String} for scalar forms. */
    Class<C> configType();

    /**
     * Builds the backend's handler. Must not open sockets or start processes: that happens when the server starts,
     * so that a config that fails validation never starts half-way.
     *
     * @throws ConfigException naming the offending fields, relative to this backend's value
     */
    Handler create(C config, FactoryContext context) throws ConfigException;
}
