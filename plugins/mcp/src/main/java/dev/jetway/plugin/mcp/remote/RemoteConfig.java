package dev.jetway.plugin.mcp.remote;

/**
 * Where a remote target listens: {@code {host: api.example.com, port: 443, path: /mcp}}, or a URL in {@code host}
 * ({@code {host: "https://h/mcp"}}). Without a scheme, TLS is used when a {@code backendTLS} policy applies.
 */
public record RemoteConfig(String host, Integer port, String path) {
}
