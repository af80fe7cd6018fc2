package dev.jetway.plugin.backendauth;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code backendAuth}, agentgateway's BackendAuth: exactly one of {@code passthrough: {}}, {@code key}, or the cloud
 * identities ({@code gcp}, {@code aws}, {@code azure}), which are bound only to be refused by name.
 */
record BackendAuthConfig(Passthrough passthrough, Key key, JsonNode gcp, JsonNode aws, JsonNode azure) {

    /** {@code passthrough: {}}. */
    record Passthrough() {
    }
}
