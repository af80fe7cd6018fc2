package dev.jetway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.jetway.core.testing.TestCertificates;
import dev.jetway.core.testing.TestCertificates.KeyFormat;
import dev.jetway.core.testing.TestCertificates.KeyType;
import dev.jetway.core.testing.TestGateway;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * Serial {@code tools/call echo} round trips with the Java MCP SDK client: straight to server-everything over stdio,
 * and through the gateway (HTTPS, streamable HTTP, the same server as a stdio target). Rounds alternate between the
 * two so that drift in the machine hits both alike; the report gives each path's calls per second and p50/p99
 * latency over all rounds, the throughput ratio and what the gateway adds at p50.
 *
 * <p>Options (system properties): {@code calls} per round (default 5000), {@code rounds} (default 5), {@code warmup}
 * calls per path (default 3000).
 */
public final class McpEchoBenchmark {

    private McpEchoBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int calls = Integer.getInteger("calls", 5000);
        int rounds = Integer.getInteger("rounds", 5);
        int warmup = Integer.getInteger("warmup", 3000);
        Path entry = serverEverything();
        Path dir = Files.createTempDirectory("mcp-bench");
        TestCertificates ca = TestCertificates.newCa("jetway benchmark");
        ca.server(KeyType.EC, "localhost", "127.0.0.1").write(dir.resolve("tls"), KeyFormat.PKCS8);
        String yaml = """
                config:
                  logging: {accessLog: "off"}
                binds:
                - port: 0
                  listeners:
                  - protocol: HTTPS
                    tls: {cert: tls/cert.pem, key: tls/key.pem}
                    routes:
                    - backends:
                      - mcp:
                          targets:
                          - name: everything
                            stdio: {cmd: node, args: ["%s", stdio]}
                """.formatted(entry);
        TestGateway gateway = TestGateway.start(yaml, dir);
        try {
            McpSyncClient direct = McpClient.sync(new StdioClientTransport(ServerParameters.builder("node")
                    .args(entry.toString(), "stdio").build(), McpJsonDefaults.getMapper()))
                    .requestTimeout(Duration.ofSeconds(30)).build();
            McpSyncClient proxied = McpClient.sync(HttpClientStreamableHttpTransport.builder("https://localhost:" + gateway.port())
                    .endpoint("/mcp").customizeClient(builder -> builder.sslContext(ca.clientContext(null))).build())
                    .requestTimeout(Duration.ofSeconds(30)).build();
            try {
                direct.initialize();
                proxied.initialize();
                System.out.printf("Warming up: %d calls per path%n", warmup);
                measure(direct, warmup);
                measure(proxied, warmup);
                List<long[]> directRounds = new ArrayList<>();
                List<long[]> proxiedRounds = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    // Alternate which path goes first, so that neither always runs on a warmer or cooler machine.
                    Supplier<long[]> d = () -> measure(direct, calls);
                    Supplier<long[]> p = () -> measure(proxied, calls);
                    if (round % 2 == 0) {
                        directRounds.add(d.get());
                        proxiedRounds.add(p.get());
                    } else {
                        proxiedRounds.add(p.get());
                        directRounds.add(d.get());
                    }
                    System.out.printf("round %d: direct p50 %.0f us, gateway p50 %.0f us%n", round + 1,
                            micros(percentile(directRounds.get(round), 50)), micros(percentile(proxiedRounds.get(round), 50)));
                }
                report(calls, rounds, merge(directRounds), merge(proxiedRounds));
            } finally {
                proxied.closeGracefully();
                direct.closeGracefully();
            }
        } finally {
            gateway.close();
        }
    }

    /** Latencies in nanoseconds of {@code calls} serial echo calls; the sum of them is the elapsed time. */
    private static long[] measure(McpSyncClient client, int calls) {
        long[] latencies = new long[calls];
        McpSchema.CallToolRequest request = McpSchema.CallToolRequest.builder("echo").arguments(Map.of("message", "ping")).build();
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            McpSchema.CallToolResult result = client.callTool(request);
            latencies[i] = System.nanoTime() - start;
            if (!"Echo: ping".equals(((McpSchema.TextContent) result.content().get(0)).text())) {
                throw new IllegalStateException("unexpected answer: " + result);
            }
        }
        return latencies;
    }

    private static void report(int calls, int rounds, long[] direct, long[] proxied) {
        double directRate = rate(direct);
        double proxiedRate = rate(proxied);
        System.out.printf("%nMCP tools/call echo, serial, %d rounds x %d calls per path (Java MCP SDK %s client)%n", rounds, calls,
                "sync");
        System.out.printf("%-34s %10s %10s %10s%n", "", "calls/s", "p50 (us)", "p99 (us)");
        System.out.printf("%-34s %10.0f %10.0f %10.0f%n", "direct (stdio)", directRate, micros(percentile(direct, 50)), micros(percentile(direct, 99)));
        System.out.printf("%-34s %10.0f %10.0f %10.0f%n", "gateway (HTTPS, streamable HTTP)", proxiedRate,
                micros(percentile(proxied, 50)), micros(percentile(proxied, 99)));
        System.out.printf("throughput ratio gateway/direct: %.2f%n", proxiedRate / directRate);
        System.out.printf("added latency at p50: %.0f us (target: under 1000 us); at p99: %.0f us%n",
                micros(percentile(proxied, 50) - percentile(direct, 50)), micros(percentile(proxied, 99) - percentile(direct, 99)));
    }

    private static long[] merge(List<long[]> rounds) {
        return rounds.stream().flatMapToLong(Arrays::stream).toArray();
    }

    private static double rate(long[] latencies) {
        return latencies.length / (Arrays.stream(latencies).sum() / 1e9);
    }

    private static long percentile(long[] latencies, int percent) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }

    /** server-everything as installed by {@code npm ci --prefix tools/mcp-servers}, found from the working directory up. */
    private static Path serverEverything() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path entry = dir.resolve("tools/mcp-servers/node_modules/@modelcontextprotocol/server-everything/dist/index.js");
            if (Files.isRegularFile(entry)) {
                return entry;
            }
        }
        throw new IllegalStateException("server-everything is not installed: run npm ci --prefix tools/mcp-servers");
    }
}
