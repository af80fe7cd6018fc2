package dev.jetway.core.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * jetway as its own process, for what only a process shows: bounded heap, signals, exit codes, the start script.
 * The operations endpoints are off so that runs do not compete for their ports.
 */
public final class JetwayProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private JetwayProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Runs {@code command} and waits until it listens on {@code port}. */
    public static JetwayProcess start(List<String> command, Path log, int port) throws Exception {
        return start(command, Map.of(), log, port);
    }

    /** Runs {@code command} with {@code environment} added to this JVM's, and waits until it listens on {@code port}. */
    public static JetwayProcess start(List<String> command, Map<String, String> environment, Path log, int port) throws Exception {
        return start(command, environment, null, log, port);
    }

    /** As {@link #start(List, Map, Path, int)}, in {@code directory} ({@code null}: this JVM's working directory). */
    public static JetwayProcess start(List<String> command, Map<String, String> environment, Path directory, Path log, int port)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().putAll(Map.of("ADMIN_ADDR", "off", "STATS_ADDR", "off", "READINESS_ADDR", "off"));
        builder.environment().putAll(environment);
        JetwayProcess jetway = new JetwayProcess(builder.start(), log);
        try {
            jetway.awaitPort(port);
        } catch (Throwable notListening) {
            jetway.close(); // a gateway that never listened must not outlive the test
            throw notListening;
        }
        return jetway;
    }

    /** Runs jetway's {@code Main} from the test class path (plugins under test included) with {@code jvmOptions}. */
    public static JetwayProcess main(Path config, Path log, int port, String... jvmOptions) throws Exception {
        return main(config, Map.of(), log, port, jvmOptions);
    }

    /** As {@link #main(Path, Path, int, String...)}, with {@code environment} added to this JVM's. */
    public static JetwayProcess main(Path config, Map<String, String> environment, Path log, int port, String... jvmOptions)
            throws Exception {
        return main(config, environment, null, log, port, jvmOptions);
    }

    /**
     * As {@link #main(Path, Map, Path, int, String...)}, in {@code directory}: where relative paths and the processes
     * the gateway starts (such as {@code npx} for stdio MCP servers, which looks for packages there) begin.
     */
    public static JetwayProcess main(Path config, Map<String, String> environment, Path directory, Path log, int port,
                                     String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.jetway.core.server.Main",
                "-f", config.toString(), "--bind-address", "127.0.0.1"));
        return start(command, environment, directory, log, port);
    }

    public static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    public Process process() {
        return process;
    }

    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    private void awaitPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("jetway exited with " + process.exitValue() + ": " + log());
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("jetway did not open port " + port + ": " + log());
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
