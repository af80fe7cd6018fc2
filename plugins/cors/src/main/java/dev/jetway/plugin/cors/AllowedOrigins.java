package dev.jetway.plugin.cors;

import java.util.List;
import java.util.regex.Pattern;

/** The origins a policy allows: any, or those matching one of its allowed origins by scheme, port and host pattern. */
final class AllowedOrigins {

    private record Entry(String scheme, int port, Pattern host) {
    }

    private final boolean any;
    private final List<Entry> entries;

    /** @param origins valid allowed origins (see {@link Origin#parse}) or {@code *} */
    AllowedOrigins(List<String> origins) {
        this.any = origins.contains("*");
        this.entries = any ? List.of() : origins.stream().map(o -> Origin.parse(o, true))
                .map(o -> new Entry(o.scheme(), o.port(), o.hostPattern())).toList();
    }

    boolean allows(String origin) {
        if (any) {
            return true;
        }
        Origin parsed = Origin.parse(origin, false);
        if (parsed == null) {
            return false;
        }
        for (Entry entry : entries) {
            if (entry.scheme().equals(parsed.scheme()) && entry.port() == parsed.port()
                    && entry.host().matcher(parsed.host()).matches()) {
                return true;
            }
        }
        return false;
    }
}
