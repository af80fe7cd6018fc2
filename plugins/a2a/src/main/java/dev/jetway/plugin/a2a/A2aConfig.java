package dev.jetway.plugin.a2a;

/** {@code a2a: {}}: the policy has no settings. */
public record A2aConfig() {
}
