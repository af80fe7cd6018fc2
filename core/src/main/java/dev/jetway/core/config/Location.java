package dev.jetway.core.config;

/** A place in a config source, 1-based. */
public record Location(String source, int line, int column) {

    @Override
    public String toString() {
        return line > 0 ? source + ":" + line + ":" + column : source;
    }
}
