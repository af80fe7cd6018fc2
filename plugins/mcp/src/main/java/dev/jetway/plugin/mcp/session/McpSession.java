package dev.jetway.plugin.mcp.session;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import dev.jetway.plugin.mcp.mux.ListKind;
import dev.jetway.plugin.mcp.mux.Plan;
import dev.jetway.plugin.mcp.spi.McpTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's MCP session: an upstream at each target, the requests in flight, and the way back to the client.
 * Client messages come in through {@link #request}, {@link #notification} and {@link #response}; target messages
 * through each target's {@link Link}, and go back to the client through {@link TargetMessages}. Thread-safe: both
 * sides call in from their own threads.
 */
public final class McpSession {

    private static final Logger LOG = LoggerFactory.getLogger(McpSession.class);

    private final SessionSettings settings;
    private final String name;
    private final Map<String, Link> links = new LinkedHashMap<>();
    private final PendingCalls pending;
    private final ServerRequests serverRequests = new ServerRequests();
    private final ClientStreams streams = new ClientStreams();
    private final TargetMessages fromTargets;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile CompletableFuture<Void> ready = CompletableFuture.completedFuture(null);
    private volatile ObjectNode initializeParams;
    private volatile String protocolVersion;
    private volatile long lastActive = System.nanoTime();
    private volatile String id;
    private volatile long issuedAt;
    private volatile String upstreamAuthorization;

    /** @param name a short name for log lines; not the session id, which is a credential */
    McpSession(SessionSettings settings, String name) {
        this.settings = settings;
        this.name = name;
        this.pending = new PendingCalls(settings.deadlines(), settings.requestTimeout(), this::touch);
        this.fromTargets = new TargetMessages(name, settings.multiplexer(), pending, serverRequests, streams);
        for (McpTarget target : settings.targets()) {
            links.put(target.name(), new Link(target, this));
        }
    }

    // ---- set-up, by the registry

    void connect(Collection<Link> which) {
        which.forEach(Link::connect);
    }

    Collection<Link> links() {
        return links.values();
    }

    Link link(String target) {
        return links.get(target);
    }

    PendingCalls pending() {
        return pending;
    }

    /**
     * Initializes upstreams the client did not initialize itself (stateless requests, sessions resumed on this
     * replica): client requests wait until they are ready.
     */
    void initializeUpstreams(Collection<Link> which, ObjectNode params) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ready = done;
        remember(params, params.path("protocolVersion").asText(null));
        Map<String, ObjectNode> requests = new LinkedHashMap<>();
        for (Link link : which) {
            requests.put(link.name(), JsonRpc.request(null, "initialize", params.deepCopy()));
        }
        Plan.FanOut plan = new Plan.FanOut(requests, results -> JsonRpc.object(), false);
        new FanOutCall(this, plan, null, null, settings.failOpen(), (response, failures) -> {
            drop(failures);
            if (JsonRpc.isError(response)) {
                done.completeExceptionally(new IllegalStateException(JsonRpc.errorMessage(response)));
                return;
            }
            for (Link link : which) {
                if (link.alive()) {
                    link.send(JsonRpc.notification("notifications/initialized", null));
                }
            }
            done.complete(null);
        }).start();
    }

    void remember(ObjectNode params, String version) {
        this.initializeParams = params;
        this.protocolVersion = version;
    }

    /** The protocol version the targets answered {@code initialize} with. */
    void negotiated(String version) {
        this.protocolVersion = version;
    }

    ObjectNode initializeParams() {
        return initializeParams;
    }

    String protocolVersion() {
        return protocolVersion;
    }

    /** What each upstream needs to be resumed elsewhere, by target. */
    Map<String, JsonNode> resumeStates() {
        Map<String, JsonNode> states = new LinkedHashMap<>();
        links.forEach((target, link) -> {
            JsonNode state = link.resumeState();
            if (state != null) {
                states.put(target, state);
            }
        });
        return states;
    }

    // ---- from the client

    /**
     * A client request; its response, and messages related to it, go to {@code exchange}.
     *
     * @param access what this request may see and use (the {@code mcpAuthorization} rules as they apply to it)
     */
    public void request(ObjectNode request, ClientExchange exchange, McpAccess access) {
        touch();
        ready.whenComplete((ok, failure) -> {
            if (failure != null) {
                exchange.respond(JsonRpc.error(request.get("id"), JsonRpc.INTERNAL_ERROR,
                        "the MCP targets could not be initialized: " + rootMessage(failure)));
            } else {
                dispatch(request, exchange, access);
            }
        });
    }

    /**
     * A client notification: a cancellation goes to the targets serving the request, under their ids, and the gateway
     * stops waiting for it; anything else goes to every target.
     */
    public void notification(ObjectNode notification) {
        touch();
        ready.thenRun(() -> {
            ObjectNode params = JsonRpc.params(notification);
            if (JsonRpc.method(notification).equals("notifications/cancelled") && params != null && params.has("requestId")) {
                for (PendingCall call : pending.forClient(params.get("requestId").toString())) {
                    ObjectNode cancel = notification.deepCopy();
                    ((ObjectNode) cancel.get("params")).put("requestId", call.id);
                    call.link.send(cancel);
                    pending.failed(LongNode.valueOf(call.id), JsonRpc.REQUEST_CANCELLED, "was cancelled by the client");
                }
                return;
            }
            List<Link> alive = links.values().stream().filter(Link::alive).toList();
            for (Link link : alive) {
                link.send(alive.size() == 1 ? notification : notification.deepCopy());
            }
        });
    }

    /** A client's reply to a request a target made. */
    public void response(ObjectNode response) {
        touch();
        ServerRequests.Origin origin = serverRequests.fromClient(response);
        if (origin == null) {
            LOG.warn("MCP session {}: the client answered id {}, which no target asked", name, response.get("id"));
            return;
        }
        origin.link().send(response);
    }

    /**
     * The {@code Authorization} value the client's latest request lends to upstream calls (set by {@code backendAuth}),
     * or {@code null}: a token the client renews is used from its next request on.
     */
    public void authorize(String authorization) {
        this.upstreamAuthorization = authorization;
    }

    Optional<String> upstreamAuthorization() {
        return Optional.ofNullable(upstreamAuthorization);
    }

    /** Opens the session's standalone stream; false when one is open already. */
    public boolean attach(ClientStream stream) {
        touch();
        return streams.attach(stream);
    }

    public void detach(ClientStream stream) {
        touch();
        streams.detach(stream);
    }

    private void dispatch(ObjectNode request, ClientExchange client, McpAccess access) {
        JsonNode clientId = request.get("id");
        String method = JsonRpc.method(request);
        boolean initialize = method.equals("initialize");
        Optional<ObjectNode> refusal = CallGuard.refusal(request, method, settings, access);
        if (refusal.isPresent()) {
            client.respond(refusal.get());
            return;
        }
        if (pending.size() >= settings.maxRequestsInFlight()) {
            client.respond(JsonRpc.error(clientId, JsonRpc.SERVER_ERROR, "Too many requests in flight in this session: at most "
                    + settings.maxRequestsInFlight() + " may wait for answers at once"));
            return;
        }
        Optional<ListKind> list = ListKind.of(method);
        ClientExchange exchange = list.isPresent() ? new ListExchange(client, list.get(), settings, access) : client;
        if (initialize) {
            ObjectNode params = JsonRpc.params(request);
            remember(params == null ? JsonRpc.object() : params.deepCopy(), null);
        }
        if (!settings.multiplexing()) {
            forward(links.values().iterator().next(), request, clientId, exchange, UnaryOperator.identity());
            return;
        }
        Plan plan = settings.multiplexer().plan(request);
        if (plan instanceof Plan.Forward forward) {
            forward(links.get(forward.target()), forward.request(), clientId, exchange, forward.result());
        } else if (plan instanceof Plan.FanOut fanOut) {
            new FanOutCall(this, fanOut, clientId, exchange, settings.failOpen(), (response, failures) -> {
                if (initialize) {
                    drop(failures);
                    negotiated(response.path("result").path("protocolVersion").asText(null));
                }
                exchange.respond(response);
            }).start();
        } else if (plan instanceof Plan.Answer answer) {
            exchange.respond(JsonRpc.result(clientId, answer.result()));
        } else if (plan instanceof Plan.Reject reject) {
            exchange.respond(JsonRpc.error(clientId, reject.code(), reject.message()));
        }
    }

    private void forward(Link link, ObjectNode request, JsonNode clientId, ClientExchange exchange,
                         UnaryOperator<ObjectNode> rewrite) {
        if (!link.alive()) {
            exchange.respond(targetError(clientId, JsonRpc.INTERNAL_ERROR, link, link.failure()));
            return;
        }
        pending.send(link, request, clientId, exchange, new ForwardedCall(this, link, clientId, exchange, rewrite,
                JsonRpc.method(request).equals("initialize")));
    }

    /** Targets that failed to initialize leave the session (when failing open; failing closed, the session ends). */
    private void drop(Map<String, ObjectNode> failures) {
        failures.forEach((target, error) -> {
            Link link = links.get(target);
            if (link.alive()) {
                LOG.warn("MCP session {}: continuing without target \"{}\": {}", name, target, JsonRpc.errorMessage(error));
                link.drop("left the session: " + JsonRpc.errorMessage(error));
            }
        });
    }

    // ---- from the targets

    void fromUpstream(Link link, ObjectNode message, JsonNode relatedTo) {
        fromTargets.received(link, message, relatedTo);
    }

    void undelivered(Link link, JsonNode id, String reason) {
        // The client gets a JSON-RPC error for a request; the operator needs the line either way.
        LOG.warn("MCP backend at {}, session {}: a message to target \"{}\" was not delivered: target {}",
                settings.location(), name, link.name(), reason);
        if (id != null) {
            pending.failed(id, JsonRpc.INTERNAL_ERROR, reason);
        }
    }

    /**
     * The upstream forgot the session (restarted, or the session was deleted through another replica): the client's
     * session ends too, so that its next request gets 404 and it starts a new one, as MCP prescribes.
     */
    void upstreamLost(Link link, String reason) {
        LOG.info("MCP session {}: target \"{}\" {}; ending the session", name, link.name(), reason);
        close();
    }

    void upstreamClosed(Link link, String reason, boolean intended) {
        if (!intended && !closed.get()) {
            LOG.warn("MCP session {}: target \"{}\" {}", name, link.name(), reason);
        }
        pending.failAll(link, JsonRpc.INTERNAL_ERROR, reason);
    }

    ObjectNode targetError(JsonNode clientId, int code, Link link, String reason) {
        return JsonRpc.targetError(clientId, code, link.name(), "MCP target \"" + link.name() + "\" " + reason);
    }

    // ---- life

    /** Activity: a client message arrived, or an answer went back. Idleness counts from the last one. */
    void touch() {
        lastActive = System.nanoTime();
    }

    /** Whether nothing happened for {@code idleNanos}, the client keeps no stream open and awaits no answer. */
    boolean idle(long idleNanos) {
        return !streams.attached() && pending.isEmpty() && System.nanoTime() - lastActive > idleNanos;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Ends the session: its stream closes, requests in flight fail, every upstream ends (children are stopped). */
    CompletableFuture<Void> close() {
        if (!closed.compareAndSet(false, true)) {
            return ended;
        }
        streams.close();
        CompletableFuture<?>[] closing = links.values().stream().map(link -> {
            pending.failAll(link, JsonRpc.INTERNAL_ERROR, "is no longer available: the session ended");
            return link.close();
        }).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(closing).orTimeout(10, TimeUnit.SECONDS).whenComplete((ok, failure) -> ended.complete(null));
        return ended;
    }

    /** The id the client knows the session by, once it has one. */
    String id() {
        return id;
    }

    /** @param issued when the id was issued, in seconds since the epoch */
    void id(String sessionId, long issued) {
        this.id = sessionId;
        this.issuedAt = issued;
    }

    long issuedAt() {
        return issuedAt;
    }

    @Override
    public String toString() {
        return "MCP session " + name;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
