package dev.jetway.plugin.cors;

import java.util.List;

/**
 * One of the policy's lists as agentgateway reads it: {@code "*"} anywhere in it means any; otherwise its entries,
 * joined with commas as the header value, or {@code null} when the list is empty.
 */
record Allowed(boolean any, String listed) {

    static Allowed of(List<String> values) {
        return new Allowed(values.contains("*"), values.isEmpty() ? null : String.join(",", values));
    }

    /** What a response lists: {@code *}, the entries, or {@code null} for nothing. */
    String headerValue() {
        return any ? "*" : listed;
    }
}
