package dev.jetway.plugin.mcp.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real {@code @modelcontextprotocol/server-everything}, as installed by {@code npm ci --prefix tools/mcp-servers}:
 * its paths, and its HTTP modes run as upstreams on a free port.
 */
public final class Everything implements AutoCloseable {

    private static final Map<String, Everything> SHARED = new ConcurrentHashMap<>();

    private final Process process;
    private final int port;

    private Everything(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The repository root: the first folder up from the working directory that holds {@code tools/mcp-servers}. */
    public static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("tools/mcp-servers"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no tools/mcp-servers above " + Path.of("").toAbsolutePath());
    }

    public static Path serversDir() {
        return repoRoot().resolve("tools/mcp-servers");
    }

    /** server-everything's entry point; fails with the command to run when it is not installed. */
    public static Path entryPoint() {
        Path entry = serversDir().resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
        if (!Files.isRegularFile(entry)) {
            throw new IllegalStateException(entry + " is missing: run npm ci --prefix tools/mcp-servers");
        }
        return entry;
    }

    /** The YAML of a stdio target running server-everything with node. */
    public static String stdioYaml() {
        return "stdio: {cmd: node, args: [\"" + entryPoint() + "\", stdio]}";
    }

    /**
     * One server in {@code mode} for every test class of this JVM, started on first use and stopped when the JVM
     * exits: each session gets its own state in the server, so tests need not start their own.
     */
    public static Everything shared(String mode) {
        return SHARED.computeIfAbsent(mode, m -> {
            try {
                Everything server = start(m);
                Runtime.getRuntime().addShutdownHook(new Thread(server::close));
                return server;
            } catch (Exception e) {
                throw new IllegalStateException("cannot start server-everything " + m, e);
            }
        });
    }

    /** Starts server-everything in {@code sse} or {@code streamableHttp} mode and waits until it listens. */
    public static Everything start(String mode) throws Exception {
        return start(mode, freePort());
    }

    /** On a given port: a server started again where another ran, which forgot that one's sessions. */
    public static Everything start(String mode, int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of("node", entryPoint().toString(), mode));
        builder.environment().put("PORT", Integer.toString(port));
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        Everything server = new Everything(process, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server-everything " + mode + " exited with " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return server;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        server.close();
        throw new IllegalStateException("server-everything " + mode + " did not listen on " + port);
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
