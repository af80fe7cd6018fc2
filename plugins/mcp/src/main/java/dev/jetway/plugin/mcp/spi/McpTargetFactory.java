package dev.jetway.plugin.mcp.spi;

import dev.jetway.api.ConfigException;
import org.pf4j.ExtensionPoint;

/**
 * A kind of MCP target, selected by its key in a target of an {@code mcp} backend: {@code stdio}, {@code mcp},
 * {@code http}, {@code sse}. Further kinds come from plugin jars that declare {@code Plugin-Dependencies: mcp}.
 *
 * <p>The value under the key is bound into {@link #configType()} (unknown keys and wrong types are reported for
 * you); {@link #create} runs once per target while the gateway is built and must not start anything: connections
 * and processes are opened per MCP session by {@link McpTarget#connect}.
 *
 * <pre>{@code
 * @Extension
 * public final class EchoTargetFactory implements McpTargetFactory<EchoConfig> {
 *     public String type() { return "echo"; }
 *     public Class<EchoConfig> configType() { return EchoConfig.class; }
 *     public McpTarget create(EchoConfig config, TargetContext context) throws ConfigException {
 *         return new EchoTarget(context.name(), config.prefix());
 *     }
 * }
 * }</pre>
 *
 * @param <C> the typed config of this kind of target
 */
public interface McpTargetFactory<C> extends ExtensionPoint {

    /** The key that selects this kind of target, such as {@code stdio}; unique among loaded plugins. */
    String type();

    /** A record the value under {@link #type()} is bound into. */
    Class<C> configType();

    /** @throws ConfigException naming the offending fields relative to the value under {@link #type()} */
    McpTarget create(C config, TargetContext context) throws ConfigException;
}
