package dev.jetway.core.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Picks the most specific of several hostname patterns for a host, as Gateway API listeners and agentgateway do:
 * an exact name, then the longest matching wildcard ({@code *.example.com} matches {@code a.example.com} and
 * {@code a.b.example.com}, not {@code example.com}), then an entry without a hostname.
 *
 * @param <T> what each pattern selects
 */
public final class HostnameMatcher<T> {

    /** How well a pattern matched, best first; {@link #NONE} when it did not. */
    public enum Rank { EXACT, WILDCARD, ANY, NONE }

    private record Entry<T>(String pattern, T value) {
    }

    private final List<Entry<T>> exact = new ArrayList<>();
    private final List<Entry<T>> wildcards = new ArrayList<>();
    private T any;

    /** Adds {@code value} under {@code pattern} ({@code null} or empty for any host); the first of equals wins. */
    public HostnameMatcher<T> add(String pattern, T value) {
        if (pattern == null || pattern.isEmpty()) {
            if (any == null) {
                any = value;
            }
        } else if (pattern.startsWith("*.")) {
            wildcards.add(new Entry<>(normalize(pattern.substring(1)), value));
            wildcards.sort(Comparator.comparingInt((Entry<T> e) -> e.pattern().length()).reversed());
        } else {
            exact.add(new Entry<>(normalize(pattern), value));
        }
        return this;
    }

    /** The best match for {@code host} (case-insensitive, without port), or {@code null}. */
    public T select(String host) {
        if (host != null) {
            String h = normalize(host);
            for (Entry<T> e : exact) {
                if (e.pattern().equals(h)) {
                    return e.value();
                }
            }
            for (Entry<T> e : wildcards) {
                if (h.endsWith(e.pattern()) && h.length() > e.pattern().length()) {
                    return e.value();
                }
            }
        }
        return any;
    }

    /** How {@code pattern} matches {@code host}. */
    public static Rank rank(String pattern, String host) {
        if (pattern == null || pattern.isEmpty()) {
            return Rank.ANY;
        }
        if (host == null) {
            return Rank.NONE;
        }
        String h = normalize(host);
        if (pattern.startsWith("*.")) {
            String suffix = normalize(pattern.substring(1));
            return h.endsWith(suffix) && h.length() > suffix.length() ? Rank.WILDCARD : Rank.NONE;
        }
        return normalize(pattern).equals(h) ? Rank.EXACT : Rank.NONE;
    }

    /** Whether {@code pattern} is a hostname or a leading-label wildcard. */
    public static boolean isValidPattern(String pattern) {
        String p = pattern.startsWith("*.") ? pattern.substring(2) : pattern;
        return !p.isEmpty() && p.matches("[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*\\.?");
    }

    private static String normalize(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
