package dev.jetway.plugin.mcp.mux;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How a multiplexing gateway names what its targets offer: tools and prompts as {@code <target>_<name>}, resources
 * as {@code <target>+<uri>}, tasks as {@code <target>+<taskId>}. Target names cannot contain {@code _} or {@code +}, so splitting at the first one is
 * unambiguous whatever the upstream's own names contain.
 */
public final class Naming {

    /** A name or URI split into its target and the target's own name or URI. */
    public record Qualified(String target, String local) {
    }

    private final List<String> targets;

    /** @param targets the target names, in config order */
    public Naming(List<String> targets) {
        this.targets = List.copyOf(requireNonNull(targets, "targets"));
    }

    public List<String> targets() {
        return targets;
    }

    public String name(String target, String name) {
        return target + '_' + name;
    }

    public String uri(String target, String uri) {
        return target + '+' + uri;
    }

    /** A task id as clients see it: task ids are the target's own, so two targets may hand out the same one. */
    public String taskId(String target, String taskId) {
        return target + '+' + taskId;
    }

    /** The target and tool or prompt name of {@code qualified}; empty when it names no configured target. */
    public Optional<Qualified> splitName(String qualified) {
        return split(qualified, '_');
    }

    /** The target and resource URI of {@code qualified}; empty when it names no configured target. */
    public Optional<Qualified> splitUri(String qualified) {
        return split(qualified, '+');
    }

    /** The target and its own task id of {@code qualified}; empty when it names no configured target. */
    public Optional<Qualified> splitTaskId(String qualified) {
        return split(qualified, '+');
    }

    private Optional<Qualified> split(String qualified, char separator) {
        int at = qualified == null ? -1 : qualified.indexOf(separator);
        if (at <= 0) {
            return Optional.empty();
        }
        String target = qualified.substring(0, at);
        return targets.contains(target) ? Optional.of(new Qualified(target, qualified.substring(at + 1))) : Optional.empty();
    }
}
