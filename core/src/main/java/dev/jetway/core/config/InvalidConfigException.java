package dev.jetway.core.config;

import java.util.List;
import java.util.stream.Collectors;

/** A config that cannot run, with every problem found, in file order. */
public final class InvalidConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Problems.Problem> problems;

    public InvalidConfigException(List<Problems.Problem> problems) {
        super(problems.stream().map(Problems.Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problems.Problem> problems() {
        return problems;
    }
}
