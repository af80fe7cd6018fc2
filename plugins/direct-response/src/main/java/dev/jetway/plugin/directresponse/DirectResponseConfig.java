package dev.jetway.plugin.directresponse;

/** {@code directResponse: {body, status}}. */
public record DirectResponseConfig(String body, Integer status) {
}
