package dev.jetway.example.header;

/** {@code exampleHeader: {name: x-served-by, value: jetway}}. */
public record ExampleHeaderConfig(String name, String value) {
}
