package dev.jetway.core.server;

import java.nio.file.Path;

/**
 * How this process runs the gateway, beyond the config file.
 *
 * @param bindAddress the address listeners bind to; {@code null} for every interface
 * @param workingDir where relative file names in the config are looked up first (agentgateway's behaviour)
 */
public record GatewayOptions(String bindAddress, Path workingDir) {

    public static GatewayOptions defaults() {
        return new GatewayOptions(null, Path.of("").toAbsolutePath());
    }

    public GatewayOptions withBindAddress(String address) {
        return new GatewayOptions(address, workingDir);
    }
}
