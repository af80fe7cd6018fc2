package dev.jetway.plugin.mcp.session;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static java.util.Objects.requireNonNull;

/**
 * What a session id carries, so that another replica can take the session over.
 *
 * @param nonce            random, so that every id is unique and unguessable
 * @param issuedAt         when the id was issued, in seconds since the epoch, against which its maximum age counts
 * @param protocolVersion  the version negotiated with the client, or {@code null}
 * @param initializeParams what of the client's {@code initialize} parameters upstreams need to be initialized again
 *                         ({@link ResumeParams}: bounded, whatever the client sent)
 * @param upstreams        each remote upstream's resume state ({@link dev.jetway.plugin.mcp.spi.TargetSession#resumeState()}), by target
 */
record SessionToken(String nonce, long issuedAt, String protocolVersion, ObjectNode initializeParams,
                    Map<String, JsonNode> upstreams) {
    SessionToken {
        requireNonNull(nonce, "nonce");
        requireNonNull(initializeParams, "initializeParams");
        upstreams = Map.copyOf(upstreams);
    }
}
