package dev.jetway.plugin.requestmirror;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code requestMirror: {backend: {host: "h:p"}, percentage: 0.5}}. {@code backend} takes agentgateway's backend
 * reference shapes, of which {@code host} is supported.
 */
public record RequestMirrorConfig(Backend backend, Double percentage) {

    /** agentgateway's {@code SimpleLocalBackend}: exactly one of {@code host}, {@code service}, {@code backend}. */
    public record Backend(String host, JsonNode service, String backend) {
    }
}
