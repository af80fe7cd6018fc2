package dev.jetway.core.routing;

import java.nio.file.Path;
import java.util.Set;

import dev.jetway.api.FactoryContext;
import dev.jetway.api.upstream.UpstreamTls;

/** The factory contexts of the pieces of a route. */
@FunctionalInterface
public interface ContextFactory {

    /**
     * @param location where the piece sits, for logs and messages
     * @param upstreamTls the upstream TLS settings in force there, or {@code null}
     * @param filesRead collects every file the piece's factory reads, so that a reload can tell whether it changed
     */
    FactoryContext context(String location, UpstreamTls upstreamTls, Set<Path> filesRead);
}
