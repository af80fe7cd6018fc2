package dev.jetway.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A config the gateway cannot run. The kernel turns each problem's field into the file, line and column where it
 * was written before showing it to the user.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<ConfigProblem> problems;

    /** One problem with {@code field} (relative to the plugin's value; {@code ""} for the value itself). */
    public ConfigException(String field, String message) {
        this(List.of(new ConfigProblem(field, message)));
    }

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(p -> p.field().isEmpty() ? p.message() : p.field() + ": " + p.message())
                .collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
