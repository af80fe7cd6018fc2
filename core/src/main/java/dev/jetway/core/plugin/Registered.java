package dev.jetway.core.plugin;

/**
 * A factory and where it came from, for logs and for messages about duplicate keys.
 *
 * @param source {@code plugin host 0.1.0 (plugins/jetway-host-0.1.0.jar)} or {@code classpath}
 */
public record Registered<T>(T factory, String source) {
}
