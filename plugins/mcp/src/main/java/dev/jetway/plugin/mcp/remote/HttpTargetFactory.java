package dev.jetway.plugin.mcp.remote;

import org.pf4j.Extension;

/** {@code http: {host, port, path}}: the same streamable HTTP target, in the form of agentgateway's documentation. */
@Extension
public final class HttpTargetFactory extends StreamableHttpTargetFactory {

    @Override
    public String type() {
        return "http";
    }
}
