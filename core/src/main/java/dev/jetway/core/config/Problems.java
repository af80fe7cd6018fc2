package dev.jetway.core.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects what is wrong with a config, each with the line it was written on, to report all at once. */
public final class Problems {

    /** One located problem; {@link #toString()} is the line users see. */
    public record Problem(Location location, ConfigPath path, String message) {
        @Override
        public String toString() {
            return location + ": " + (path.isRoot() ? "" : path + ": ") + message;
        }
    }

    private final ConfigDocument document;
    private final List<Problem> problems = new ArrayList<>();

    public Problems(ConfigDocument document) {
        this.document = document;
    }

    /** A problem with the value at {@code path}. */
    public void add(ConfigPath path, String message) {
        problems.add(new Problem(document.locate(path, false), path, message));
    }

    /** A problem with the key at {@code path} itself (an unknown or misplaced key). */
    public void addAtKey(ConfigPath path, String message) {
        problems.add(new Problem(document.locate(path, true), path, message));
    }

    public void add(Problem problem) {
        problems.add(problem);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public int size() {
        return problems.size();
    }

    public List<Problem> list() {
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt((Problem p) -> p.location().line()).thenComparingInt(p -> p.location().column()));
        return sorted;
    }

    public void throwIfAny() throws InvalidConfigException {
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(list());
        }
    }
}
