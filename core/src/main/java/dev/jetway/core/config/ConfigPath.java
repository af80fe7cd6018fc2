package dev.jetway.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A field's address in the config tree: object keys and list indexes from the root. Rendered for users as
 * {@code binds[0].listeners[1].tls.cert}.
 */
public final class ConfigPath {

    public static final ConfigPath ROOT = new ConfigPath(List.of());

    private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private final List<Object> segments;

    private ConfigPath(List<Object> segments) {
        this.segments = segments;
    }

    public ConfigPath key(String key) {
        return append(key);
    }

    public ConfigPath index(int index) {
        return append(index);
    }

    /** Appends a relative path written as plugins write it: {@code targets[1].stdio.cmd}; {@code ""} is this path. */
    public ConfigPath resolve(String relative) {
        ConfigPath path = this;
        Matcher m = SEGMENT.matcher(relative);
        while (m.find()) {
            path = m.group(1) != null ? path.key(m.group(1)) : path.index(Integer.parseInt(m.group(2)));
        }
        return path;
    }

    public List<Object> segments() {
        return segments;
    }

    public ConfigPath parent() {
        return segments.isEmpty() ? this : new ConfigPath(segments.subList(0, segments.size() - 1));
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** The last key of this path, or {@code null} when it ends in an index or is the root. */
    public String lastKey() {
        return !segments.isEmpty() && segments.get(segments.size() - 1) instanceof String s ? s : null;
    }

    private ConfigPath append(Object segment) {
        List<Object> copy = new ArrayList<>(segments.size() + 1);
        copy.addAll(segments);
        copy.add(segment);
        return new ConfigPath(List.copyOf(copy));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigPath other && segments.equals(other.segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    @Override
    public String toString() {
        if (segments.isEmpty()) {
            return "(top level)";
        }
        StringBuilder sb = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(segment);
            }
        }
        return sb.toString();
    }
}
