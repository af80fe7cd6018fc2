package dev.jetway.api;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with a config.
 *
 * @param field the field, relative to the value the plugin was given: {@code ""} for the value itself,
 *              {@code "targets[1].stdio.cmd"} for a nested one
 * @param message what is wrong and, where there is a choice, what is allowed
 */
public record ConfigProblem(String field, String message) {
    public ConfigProblem {
        requireNonNull(field, "field");
        requireNonNull(message, "message");
    }
}
