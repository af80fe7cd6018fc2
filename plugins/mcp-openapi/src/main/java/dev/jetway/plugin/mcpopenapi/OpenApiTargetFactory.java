package dev.jetway.plugin.mcpopenapi;

import java.net.URI;
import java.util.List;

import dev.jetway.api.ConfigException;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import dev.jetway.plugin.mcp.remote.RemoteAddress;
import dev.jetway.plugin.mcp.remote.RemoteConfig;
import dev.jetway.plugin.mcp.spi.McpTarget;
import dev.jetway.plugin.mcp.spi.McpTargetFactory;
import dev.jetway.plugin.mcp.spi.TargetContext;
import io.swagger.v3.oas.models.OpenAPI;
import org.pf4j.Extension;

/**
 * {@code openapi: {host: localhost:8080, schema: {file: openapi.json}}}: an HTTP API whose OpenAPI operations are
 * MCP tools. The document is read and its tools built once, while the config loads; calls go to the host (HTTPS when
 * its URL says so or a {@code backendTLS} policy applies) under the path of the document's server URL.
 */
@Extension
public final class OpenApiTargetFactory implements McpTargetFactory<OpenApiConfig> {

    @Override
    public String type() {
        return "openapi";
    }

    @Override
    public Class<OpenApiConfig> configType() {
        return OpenApiConfig.class;
    }

    @Override
    public McpTarget create(OpenApiConfig config, TargetContext context) throws ConfigException {
        if (config.path() != null) {
            throw new ConfigException("path", "path is not used by openapi targets (agentgateway ignores it): the API's"
                    + " base path is the path of the document's server URL; remove it");
        }
        URI address = RemoteAddress.of(new RemoteConfig(config.host(), config.port(), null), "/",
                context.gateway().upstreamTls().isPresent());
        OpenAPI api = ApiDocuments.load(config.schema(), context.gateway());
        String field = config.schema().isTextual() ? "schema" : "schema.file";
        List<ApiOperation> operations = ToolDefinitions.of(api, field);
        String base = ApiBase.of(address, api, field);
        String title = api.getInfo() == null || api.getInfo().getTitle() == null ? context.name() : api.getInfo().getTitle();
        String version = api.getInfo() == null || api.getInfo().getVersion() == null ? "" : api.getInfo().getVersion();
        return new OpenApiTarget(context.name(), base, operations, JsonRpc.object().put("name", title).put("version", version),
                context.gateway().httpClient(), context.timeout());
    }
}
