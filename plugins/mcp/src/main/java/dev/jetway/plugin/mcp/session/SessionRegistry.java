package dev.jetway.plugin.mcp.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.SecretKey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import dev.jetway.plugin.mcp.spi.McpTarget;
import dev.jetway.plugin.mcp.spi.TargetSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * The sessions of one {@code mcp} backend: it opens them (up to a limit), names them with ids the client keeps, finds
 * them again (on this replica, or by resuming a session another replica encrypted into its id), expires idle and
 * too old ones and ends them all when the gateway stops.
 *
 * <p>An ended id stays ended: here by memory of it; on other replicas sharing the key because its upstreams were told
 * (a streamable HTTP upstream gets a DELETE, and a replica resuming the id hears its 404 and ends the session);
 * and everywhere by its maximum age, which bounds what cannot be revoked (ids of upstreams that keep no session).
 */
public final class SessionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);
    private static final int ENDED_REMEMBERED = 10_000;

    private final SessionSettings settings;
    private final SessionTokens tokens;
    private final ObjectNode clientInfo;
    private final SessionLimits limits;
    private final long idleNanos;
    private final Map<String, McpSession> byId = new ConcurrentHashMap<>();
    /** Ids of sessions that ended here, so that an encrypted one is not resumed after its DELETE or expiry. */
    private final Set<String> ended = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > ENDED_REMEMBERED;
        }
    }));
    private final Set<McpSession> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong names = new AtomicLong();

    /**
     * @param sessionKey the AES-256 key session ids are encrypted with
     * @param backend    what identifies the backend: ids of another backend are not accepted
     * @param clientInfo what the gateway calls itself when it initializes upstreams on its own
     */
    public SessionRegistry(SessionSettings settings, SecretKey sessionKey, String backend, ObjectNode clientInfo,
                           SessionLimits limits) {
        this.settings = requireNonNull(settings, "settings");
        this.tokens = new SessionTokens(sessionKey, backend);
        this.clientInfo = requireNonNull(clientInfo, "clientInfo");
        this.limits = requireNonNull(limits, "limits");
        this.idleNanos = limits.idleTimeout().toNanos();
    }

    /**
     * A new session with a fresh upstream at every target, not yet known by any id.
     *
     * @throws SessionsFull when as many sessions are open as the backend allows
     */
    public McpSession open() throws SessionsFull {
        if (open.size() >= limits.maxSessions()) {
            throw new SessionsFull(limits.maxSessions());
        }
        McpSession session = newSession();
        session.connect(session.links());
        return session;
    }

    /**
     * A session for one stateless request: the gateway initializes the targets itself, as the client of a stateless
     * server does not.
     *
     * @throws SessionsFull when as many sessions are open as the backend allows
     */
    public McpSession openStateless(String protocolVersion) throws SessionsFull {
        McpSession session = open();
        ObjectNode params = JsonRpc.object().put("protocolVersion", protocolVersion);
        params.putObject("capabilities");
        params.set("clientInfo", clientInfo.deepCopy());
        session.initializeUpstreams(session.links(), params);
        return session;
    }

    /**
     * Wraps the exchange of a client's {@code initialize} so that a successful answer names the session with an id
     * carrying its upstreams, and a failed one ends the session.
     */
    public ClientExchange initializing(McpSession session, ClientExchange exchange) {
        return new ClientExchange() {
            @Override
            public boolean message(ObjectNode message) {
                return exchange.message(message);
            }

            @Override
            public void respond(ObjectNode response) {
                if (JsonRpc.isError(response) || !exchange.open()) {
                    // Failed, or nobody is left to learn the id: the session would only wait to expire.
                    close(session);
                } else {
                    exchange.establish(register(session));
                }
                exchange.respond(response);
            }

            @Override
            public Map<String, String> traceHeaders() {
                return exchange.traceHeaders();
            }
        };
    }

    /** Names {@code session} with an encrypted id carrying its upstreams' resume states. */
    String register(McpSession session) {
        ObjectNode params = session.initializeParams() == null ? JsonRpc.object() : session.initializeParams();
        long now = System.currentTimeMillis() / 1000;
        String id = tokens.issue(new SessionToken(tokens.nonce(), now, session.protocolVersion(), ResumeParams.of(params),
                session.resumeStates()));
        session.id(id, now);
        byId.put(id, session);
        return id;
    }

    /** Names a session that lives as long as its legacy SSE stream: a random id, never resumed elsewhere. */
    public String registerLegacy(McpSession session) {
        String id = tokens.nonce();
        session.id(id, System.currentTimeMillis() / 1000);
        byId.put(id, session);
        return id;
    }

    /** The session with {@code id}: one of this replica's, or one resumed from an encrypted id; never an ended one. */
    public Optional<McpSession> find(String id) {
        McpSession session = byId.get(id);
        if (session != null) {
            if (!session.isClosed() && !tooOld(session.issuedAt())) {
                return Optional.of(session);
            }
            close(session);
            return Optional.empty();
        }
        if (ended.contains(id)) {
            return Optional.empty();
        }
        return tokens.open(id).filter(token -> !tooOld(token.issuedAt())).flatMap(token -> resume(id, token));
    }

    private boolean tooOld(long issuedAt) {
        return System.currentTimeMillis() / 1000 - issuedAt > limits.maxAge().toSeconds();
    }

    private Optional<McpSession> resume(String id, SessionToken token) {
        if (open.size() >= limits.maxSessions()) {
            return Optional.empty();
        }
        if (!settings.targets().stream().allMatch(McpTarget::remote)) {
            // A child process lived on the replica that made the id: its state cannot be taken over.
            return Optional.empty();
        }
        McpSession session = newSession();
        List<Link> fresh = new ArrayList<>();
        for (Link link : session.links()) {
            JsonNode state = token.upstreams().get(link.name());
            Optional<TargetSession> resumed = state == null ? Optional.empty()
                    : link.target().resume(state, link);
            if (resumed.isPresent()) {
                link.attach(resumed.get());
            } else {
                fresh.add(link);
            }
        }
        session.connect(fresh);
        session.remember(token.initializeParams(), token.protocolVersion());
        if (!fresh.isEmpty()) {
            ObjectNode params = token.initializeParams().deepCopy();
            if (token.protocolVersion() != null) {
                params.put("protocolVersion", token.protocolVersion());
            }
            session.initializeUpstreams(fresh, params);
        }
        McpSession raced = byId.putIfAbsent(id, session);
        if (raced != null) {
            close(session);
            return Optional.of(raced);
        }
        session.id(id, token.issuedAt());
        LOG.info("{}: resumed from its id ({} upstream(s) reattached, {} initialized again)", session,
                session.links().size() - fresh.size(), fresh.size());
        return Optional.of(session);
    }

    private McpSession newSession() {
        McpSession session = new McpSession(settings, "#" + names.incrementAndGet());
        open.add(session);
        return session;
    }

    /** Ends {@code session} and forgets its id; completes when its upstreams (and child processes) are gone. */
    public CompletableFuture<Void> close(McpSession session) {
        String id = session.id();
        if (id != null) {
            byId.remove(id, session);
            ended.add(id);
        }
        open.remove(session);
        return session.close();
    }

    /** Ends sessions idle for longer than the idle timeout, and those whose id has reached its maximum age. */
    public void expire() {
        for (McpSession session : List.copyOf(open)) {
            if (session.idle(idleNanos)) {
                LOG.info("{}: idle for too long; ending it", session);
                close(session);
            } else if (session.id() != null && tooOld(session.issuedAt())) {
                LOG.info("{}: its id is older than {}; ending it", session, Durations.text(limits.maxAge()));
                close(session);
            }
        }
    }

    /** Ends every session, for the gateway's stop; completes when every upstream is gone. */
    public CompletableFuture<Void> closeAll() {
        return CompletableFuture.allOf(List.copyOf(open).stream().map(this::close).toArray(CompletableFuture[]::new));
    }

    public int size() {
        return open.size();
    }
}
