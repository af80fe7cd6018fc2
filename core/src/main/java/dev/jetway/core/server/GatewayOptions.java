package dev.jetway.core.server;

import java.nio.file.Path;
import java.util.Map;

/**
 * How this process runs the gateway, beyond the config file.
 *
 * @param bindAddress the address listeners bind to; {@code null} for every interface
 * @param workingDir where relative file names in the config are looked up first (agentgateway's behaviour)
 * @param environment the process environment, for settings that fall back to environment variables
 */
public record GatewayOptions(String bindAddress, Path workingDir, Map<String, String> environment) {

    public GatewayOptions {
        environment = Map.copyOf(environment);
    }

    public static GatewayOptions defaults() {
        return new GatewayOptions(null, Path.of("").toAbsolutePath(), System.getenv());
    }

    public GatewayOptions withBindAddress(String address) {
        return new GatewayOptions(address, workingDir, environment);
    }
}
