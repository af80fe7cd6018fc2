package dev.jetway.plugin.mcpopenapi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code openapi: {host: localhost:8080, schema: {file: openapi.json}}}: an HTTP API described by an OpenAPI 3
 * document, each of whose operations becomes an MCP tool.
 *
 * @param host   where the API listens: {@code host:port}, or a URL such as {@code https://api.example.com}
 * @param port   the port, when {@code host} has none
 * @param path   agentgateway accepts it and ignores it; jetway refuses it, as the base path comes from the document
 * @param schema the document: {@code {file: path}}, or its text inline; {@code {url: ...}} is refused
 */
public record OpenApiConfig(String host, Integer port, String path, JsonNode schema) {
}
