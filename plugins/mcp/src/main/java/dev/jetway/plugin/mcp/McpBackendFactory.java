package dev.jetway.plugin.mcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.api.BackendFactory;
import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.api.FactoryContext;
import dev.jetway.plugin.mcp.front.FrontSettings;
import dev.jetway.plugin.mcp.front.McpHandler;
import dev.jetway.plugin.mcp.front.RequestTelemetry;
import dev.jetway.plugin.mcp.front.RuntimeBean;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import dev.jetway.plugin.mcp.mux.Naming;
import dev.jetway.plugin.mcp.mux.Router;
import dev.jetway.plugin.mcp.session.Deadlines;
import dev.jetway.plugin.mcp.session.SessionRegistry;
import dev.jetway.plugin.mcp.session.SessionSettings;
import dev.jetway.plugin.mcp.session.ToolCatalog;
import dev.jetway.plugin.mcp.spi.McpTarget;
import org.eclipse.jetty.server.Handler;
import org.pf4j.Extension;

/**
 * {@code mcp: {targets: [...]}}: one MCP endpoint in front of stdio, streamable HTTP and SSE MCP servers, multiplexed
 * when there are several.
 */
@Extension
public final class McpBackendFactory implements BackendFactory<McpBackendConfig> {

    @Override
    public String type() {
        return "mcp";
    }

    @Override
    public Class<McpBackendConfig> configType() {
        return McpBackendConfig.class;
    }

    @Override
    public Handler create(McpBackendConfig config, FactoryContext context) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        positive(problems, "requestTimeout", config.requestTimeout());
        positive(problems, "sessionIdleTimeout", config.sessionIdleTimeout());
        positive(problems, "keepAliveInterval", config.keepAliveInterval());
        if (config.maxRequestBodySize() <= 0) {
            problems.add(new ConfigProblem("maxRequestBodySize", "maxRequestBodySize must be a positive number of bytes, such as 4194304"));
        }
        ScheduledThreadPoolExecutor scheduler = McpRuntime.newScheduler(context.location());
        List<McpTarget> targets = new TargetsBuilder(context, scheduler, config.requestTimeout(), problems).build(config.targets());
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        boolean multiplexing = targets.size() > 1 || config.prefixMode() == McpPrefixMode.ALWAYS;
        List<String> names = targets.stream().map(McpTarget::name).toList();
        Router router = multiplexing ? new Router(new Naming(names), implementation()) : null;
        Deadlines deadlines = new Deadlines();
        ToolCatalog tools = new ToolCatalog();
        SessionSettings settings = new SessionSettings(context.location(), targets, router,
                config.failureMode() == McpFailureMode.FAIL_OPEN, config.requestTimeout(), deadlines, tools);
        SessionRegistry sessions = new SessionRegistry(settings, context.sessionKey().orElse(null), implementation(),
                config.sessionIdleTimeout());
        FrontSettings front = new FrontSettings(config.statefulMode() == McpStatefulMode.STATEFUL,
                config.maxRequestBodySize(), config.keepAliveInterval(),
                new RequestTelemetry(context.meters(), context.location(), names, multiplexing, tools));
        McpRuntime.registerGauges(context.meters());
        String description = "MCP backend at " + context.location() + ": " + targets.stream()
                .map(target -> target.name() + " (" + target.describe() + ")").collect(Collectors.joining(", "))
                + (multiplexing ? ", multiplexed" : "") + ", " + (front.stateful() ? "stateful" : "stateless");
        RuntimeBean runtime = new RuntimeBean(new McpRuntime(scheduler, sessions, deadlines, config.sessionIdleTimeout(), description));
        return new McpHandler(sessions, scheduler, deadlines, front, runtime);
    }

    private static void positive(List<ConfigProblem> problems, String field, Duration value) {
        if (value.isZero() || value.isNegative()) {
            problems.add(new ConfigProblem(field, field + " must be longer than 0, such as 30s"));
        }
    }

    /** How the gateway introduces itself to clients (merged {@code initialize}) and upstreams (stateless sessions). */
    private static ObjectNode implementation() {
        String version = McpBackendFactory.class.getPackage().getImplementationVersion();
        return JsonRpc.object().put("name", "jetway").put("version", version == null ? "dev" : version);
    }
}
