package dev.jetway.plugin.mcp.session;

import java.time.Duration;
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
 * The sessions of one {@code mcp} backend: it opens them, names them with ids the client keeps, finds them again
 * (on this replica, or by resuming a session another replica encrypted into its id), expires idle ones and ends
 * them all when the gateway stops.
 */
public final class SessionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);
    private static final int ENDED_REMEMBERED = 10_000;

    private final SessionSettings settings;
    private final SessionTokens tokens;
    private final ObjectNode clientInfo;
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
     * @param sessionKey  the AES-256 key session ids are encrypted with, or {@code null} for plain ids
     * @param clientInfo  what the gateway calls itself when it initializes upstreams on its own
     * @param idleTimeout how long a session without requests or an open stream lives
     */
    public SessionRegistry(SessionSettings settings, SecretKey sessionKey, ObjectNode clientInfo, Duration idleTimeout) {
        this.settings = requireNonNull(settings, "settings");
        this.tokens = new SessionTokens(sessionKey);
        this.clientInfo = requireNonNull(clientInfo, "clientInfo");
        this.idleNanos = idleTimeout.toNanos();
    }

    /** A new session with a fresh upstream at every target, not yet known by any id. */
    public McpSession open() {
        McpSession session = newSession();
        session.connect(session.links());
        return session;
    }

    /**
     * A session for one stateless request: the gateway initializes the targets itself, as the client of a stateless
     * server does not.
     */
    public McpSession openStateless(String protocolVersion) {
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
        };
    }

    /** Names {@code session} with an id carrying its upstreams' resume states (encrypted when a key is set). */
    String register(McpSession session) {
        ObjectNode params = session.initializeParams() == null ? JsonRpc.object() : session.initializeParams();
        String id = tokens.issue(new SessionToken(tokens.nonce(), session.protocolVersion(), params, session.resumeStates()));
        session.id(id);
        byId.put(id, session);
        return id;
    }

    /** Names a session that lives as long as its legacy SSE stream: a random id, never resumed elsewhere. */
    public String registerLegacy(McpSession session) {
        String id = tokens.nonce();
        session.id(id);
        byId.put(id, session);
        return id;
    }

    /** The session with {@code id}: one of this replica's, or one resumed from an encrypted id. */
    public Optional<McpSession> find(String id) {
        McpSession session = byId.get(id);
        if (session != null && !session.isClosed()) {
            return Optional.of(session);
        }
        if (ended.contains(id)) {
            return Optional.empty();
        }
        return tokens.open(id).flatMap(token -> resume(id, token));
    }

    private Optional<McpSession> resume(String id, SessionToken token) {
        if (!settings.targets().stream().allMatch(McpTarget::remote)) {
            // A child process lived on the replica that made the id: its state cannot be taken over.
            return Optional.empty();
        }
        McpSession session = newSession();
        List<Link> fresh = new ArrayList<>();
        for (Link link : session.links()) {
            JsonNode state = token.upstreams().get(link.name());
            Optional<TargetSession> resumed = state == null ? Optional.empty()
                    : link.target().resume(state, token.initializeParams(), link);
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
        session.id(id);
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

    /** Ends sessions idle for longer than the idle timeout. */
    public void expireIdle() {
        for (McpSession session : List.copyOf(open)) {
            if (session.idle(idleNanos)) {
                LOG.info("{}: idle for too long; ending it", session);
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
