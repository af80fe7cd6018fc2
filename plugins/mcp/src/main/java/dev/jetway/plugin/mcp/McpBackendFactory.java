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
import dev.jetway.plugin.mcp.mux.Multiplexer;
import dev.jetway.plugin.mcp.session.Deadlines;
import dev.jetway.plugin.mcp.session.Durations;
import dev.jetway.plugin.mcp.session.SessionLimits;
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
        atLeast(problems, "requestTimeout", config.requestTimeout(), Duration.ofMillis(100));
        atLeast(problems, "sessionIdleTimeout", config.sessionIdleTimeout(), Duration.ofSeconds(1));
        atLeast(problems, "keepAliveInterval", config.keepAliveInterval(), Duration.ofMillis(100));
        atLeast(problems, "sessionMaxAge", config.sessionMaxAge(), Duration.ofSeconds(1));
        positive(problems, "maxRequestBodySize", config.maxRequestBodySize(), "bytes, such as 4194304");
        positive(problems, "maxBatchSize", config.maxBatchSize(), "messages, such as 100");
        positive(problems, "maxRequestsInFlight", config.maxRequestsInFlight(), "requests, such as 100");
        if (config.maxSessions() != null) {
            positive(problems, "maxSessions", config.maxSessions(), "sessions, such as 100");
        }
        ScheduledThreadPoolExecutor scheduler = McpRuntime.newScheduler(context.location());
        List<McpTarget> targets = new TargetsBuilder(context, scheduler, config.requestTimeout(), problems).build(config.targets());
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        boolean multiplexing = targets.size() > 1 || config.prefixMode() == McpPrefixMode.ALWAYS;
        List<String> names = targets.stream().map(McpTarget::name).toList();
        Multiplexer multiplexer = multiplexing ? new Multiplexer(new Naming(names), implementation()) : null;
        Deadlines deadlines = new Deadlines();
        ToolCatalog tools = new ToolCatalog();
        SessionSettings settings = new SessionSettings(context.location(), targets, multiplexer,
                config.failureMode() == McpFailureMode.FAIL_OPEN, config.requestTimeout(), deadlines, tools,
                config.maxRequestsInFlight());
        int maxSessions = config.maxSessions() != null ? config.maxSessions()
                : targets.stream().allMatch(McpTarget::remote) ? McpBackendConfig.DEFAULT_MAX_SESSIONS_REMOTE
                : McpBackendConfig.DEFAULT_MAX_SESSIONS_STDIO;
        String identity = context.location() + "\n" + targets.stream().map(t -> t.name() + " " + t.describe())
                .collect(Collectors.joining("\n"));
        SessionRegistry sessions = new SessionRegistry(settings, context.sessionKey(), identity, implementation(),
                new SessionLimits(config.sessionIdleTimeout(), config.sessionMaxAge(), maxSessions));
        FrontSettings front = new FrontSettings(config.statefulMode() == McpStatefulMode.STATEFUL,
                config.maxRequestBodySize(), config.keepAliveInterval(),
                new RequestTelemetry(context.meters(), context.location(), names, multiplexing, tools), config.maxBatchSize());
        McpRuntime.registerGauges(context.meters());
        String description = context.redacted("MCP backend at " + context.location() + ": " + targets.stream()
                .map(target -> target.name() + " (" + target.describe() + ")").collect(Collectors.joining(", "))
                + (multiplexing ? ", multiplexed" : "") + ", " + (front.stateful() ? "stateful" : "stateless")
                + ", at most " + maxSessions + " sessions");
        RuntimeBean runtime = new RuntimeBean(new McpRuntime(scheduler, sessions, deadlines, config.sessionIdleTimeout(), description));
        return new McpHandler(sessions, scheduler, deadlines, front, runtime);
    }

    private static void atLeast(List<ConfigProblem> problems, String field, Duration value, Duration minimum) {
        if (value.compareTo(minimum) < 0) {
            problems.add(new ConfigProblem(field, field + " must be at least " + Durations.text(minimum) + ", such as 30s"));
        }
    }

    private static void positive(List<ConfigProblem> problems, String field, int value, String unit) {
        if (value <= 0) {
            problems.add(new ConfigProblem(field, field + " must be a positive number of " + unit));
        }
    }

    /** How the gateway introduces itself to clients (merged {@code initialize}) and upstreams (stateless sessions). */
    private static ObjectNode implementation() {
        String version = McpBackendFactory.class.getPackage().getImplementationVersion();
        return JsonRpc.object().put("name", "jetway").put("version", version == null ? "dev" : version);
    }
}
