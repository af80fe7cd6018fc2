package dev.jetway.plugin.mcp.session;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static java.util.Objects.requireNonNull;

/**
 * What a session id carries, so that another replica can take the session over.
 *
 * @param nonce            random, so that every id is unique and unguessable
 * @param protocolVersion  the version negotiated with the client, or {@code null}
 * @param initializeParams the client's {@code initialize} parameters, to initialize upstreams again
 * @param upstreams        each remote upstream's resume state ({@link dev.jetway.plugin.mcp.spi.TargetSession#resumeState()}), by target
 */
record SessionToken(String nonce, String protocolVersion, ObjectNode initializeParams, Map<String, JsonNode> upstreams) {
    SessionToken {
        requireNonNull(nonce, "nonce");
        requireNonNull(initializeParams, "initializeParams");
        upstreams = Map.copyOf(upstreams);
    }
}
