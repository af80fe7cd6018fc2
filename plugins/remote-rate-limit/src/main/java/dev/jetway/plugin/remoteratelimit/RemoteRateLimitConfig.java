package dev.jetway.plugin.remoteratelimit;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code remoteRateLimit: {domain, host, descriptors: [...], failureMode?, policies?}}, agentgateway's shape. The
 * service is named by exactly one of {@code host}, {@code backend} and {@code service}; only {@code host} is
 * supported, the others are bound to be refused by name.
 */
public record RemoteRateLimitConfig(String domain, String host, JsonNode backend, JsonNode service, JsonNode policies,
                                    List<Descriptor> descriptors, String failureMode) {

    /** {@code {entries: [{key, value: CEL}], type?: requests|tokens, limitOverride?: CEL}}. */
    public record Descriptor(List<Entry> entries, String type, String limitOverride) {
    }

    /** {@code {key: "user", value: 'jwt.sub'}}: the value is a CEL expression evaluated per request. */
    public record Entry(String key, String value) {
    }
}
