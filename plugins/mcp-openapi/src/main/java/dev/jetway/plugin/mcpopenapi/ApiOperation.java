package dev.jetway.plugin.mcpopenapi;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static java.util.Objects.requireNonNull;

/**
 * One operation of the API as an MCP tool: what {@code tools/list} shows of it, and what a call needs to make its
 * HTTP request.
 *
 * @param name     the tool's name, the operation's {@code operationId}
 * @param method   the HTTP method, such as {@code GET}
 * @param path     the path template below the API's base path, such as {@code /pet/{petId}}
 * @param headers  the header parameters it declares, in lower case: the only headers a call may set
 * @param bodyType the media type of its request body ({@code application/json}, a {@code +json} type or
 *                 {@code application/octet-stream}), or {@code null} when it takes none that a tool can send
 * @param tool     the tool as listed: {@code name}, {@code title}, {@code description}, {@code inputSchema}
 */
record ApiOperation(String name, String method, String path, Set<String> headers, String bodyType, ObjectNode tool) {

    static final String BINARY = "application/octet-stream";

    ApiOperation {
        requireNonNull(name, "name");
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        headers = Set.copyOf(headers);
        requireNonNull(tool, "tool");
    }
}
