package dev.jetway.plugin.mcp.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import dev.jetway.plugin.mcp.spi.McpTarget;
import dev.jetway.plugin.mcp.spi.McpTargetFactory;
import dev.jetway.plugin.mcp.spi.TargetContext;
import dev.jetway.plugin.mcp.spi.TargetSession;
import dev.jetway.plugin.mcp.spi.TargetSessionListener;
import org.pf4j.Extension;

/**
 * {@code memory: {tools: 5, pageSize: 2}}: a kind of target that lives in memory, added as an extension from outside the
 * plugin's main code, as a plugin jar would add one. Its server answers {@code tools/list} in pages, {@code echo}
 * at once, {@code slow} never, and {@code ask} by asking the client for a sample under id 1 (the same id for every
 * target, so that the gateway must tell the answers apart); it records everything it receives.
 */
@Extension
public final class MemoryTargetFactory implements McpTargetFactory<MemoryTargetFactory.Config> {

    /** @param failInitialize whether {@code initialize} fails, to exercise failure modes */
    public record Config(Integer tools, Integer pageSize, Boolean failInitialize) {
    }

    /** What each memory target received, by target name. */
    public static final Map<String, List<ObjectNode>> RECEIVED = new ConcurrentHashMap<>();

    private static final ExecutorService REPLIES = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "memory-target");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public String type() {
        return "memory";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public McpTarget create(Config config, TargetContext context) {
        int tools = config.tools() == null ? 3 : config.tools();
        int pageSize = config.pageSize() == null ? 100 : config.pageSize();
        boolean failInitialize = Boolean.TRUE.equals(config.failInitialize());
        String name = context.name();
        return new McpTarget() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean remote() {
                return false;
            }

            @Override
            public TargetSession connect(TargetSessionListener listener) {
                return new Server(name, tools, pageSize, failInitialize, listener);
            }

            @Override
            public String describe() {
                return "memory";
            }
        };
    }

    private static final class Server implements TargetSession {
        private final String name;
        private final int tools;
        private final int pageSize;
        private final boolean failInitialize;
        private final TargetSessionListener listener;
        private final List<ObjectNode> received = new CopyOnWriteArrayList<>();
        private final Map<String, JsonNode> asking = new ConcurrentHashMap<>();

        Server(String name, int tools, int pageSize, boolean failInitialize, TargetSessionListener listener) {
            this.name = name;
            this.tools = tools;
            this.pageSize = pageSize;
            this.failInitialize = failInitialize;
            this.listener = listener;
            RECEIVED.put(name, received);
        }

        @Override
        public void send(ObjectNode message) {
            received.add(message.deepCopy());
            REPLIES.execute(() -> answer(message));
        }

        private void answer(ObjectNode message) {
            JsonNode id = message.get("id");
            JsonNode params = message.path("params");
            switch (JsonRpc.kind(message)) {
                case RESPONSE -> {
                    JsonNode call = asking.remove(id.asText());
                    String sampled = message.path("result").path("content").path("text").asText();
                    reply(JsonRpc.result(call, text(name + " was told: " + sampled)));
                }
                case REQUEST -> {
                    switch (JsonRpc.method(message)) {
                        case "initialize" -> reply(failInitialize ? JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, "refusing to start")
                                : JsonRpc.result(id, initializeResult(params)));
                        case "tools/list" -> reply(JsonRpc.result(id, page(params.path("cursor").asInt(0))));
                        case "tools/call" -> call(id, params);
                        default -> reply(JsonRpc.error(id, JsonRpc.METHOD_NOT_FOUND, "no " + JsonRpc.method(message)));
                    }
                }
                default -> { }
            }
        }

        private ObjectNode initializeResult(JsonNode params) {
            ObjectNode result = JsonRpc.object().put("protocolVersion", params.path("protocolVersion").asText("2025-06-18"));
            result.putObject("capabilities").putObject("tools").put("listChanged", true);
            result.putObject("serverInfo").put("name", "memory " + name).put("version", "1");
            return result.put("instructions", "in memory");
        }

        private ObjectNode page(int from) {
            ObjectNode result = JsonRpc.object();
            ArrayNode list = result.putArray("tools");
            for (int i = from; i < Math.min(tools, from + pageSize); i++) {
                list.addObject().put("name", "tool" + i).putObject("inputSchema").put("type", "object");
            }
            if (from + pageSize < tools) {
                result.put("nextCursor", Integer.toString(from + pageSize));
            }
            return result;
        }

        private void call(JsonNode id, JsonNode params) {
            switch (params.path("name").asText()) {
                case "echo" -> reply(JsonRpc.result(id, text(name + ": " + params.path("arguments").path("message").asText())));
                case "slow" -> { }
                case "ask" -> {
                    asking.put("1", id);
                    ObjectNode sample = JsonRpc.object().put("maxTokens", 10);
                    sample.putArray("messages").addObject().put("role", "user")
                            .putObject("content").put("type", "text").put("text", "from " + name);
                    listener.onMessage(JsonRpc.request(IntNode.valueOf(1), "sampling/createMessage", sample), null);
                }
                default -> reply(JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "no tool " + params.path("name").asText()));
            }
        }

        private static ObjectNode text(String text) {
            ObjectNode result = JsonRpc.object();
            result.putArray("content").addObject().put("type", "text").put("text", text);
            return result;
        }

        private void reply(ObjectNode message) {
            listener.onMessage(message, null);
        }

        @Override
        public void close() {
            listener.onClosed("closed");
        }
    }
}
