package dev.jetway.plugin.mcp.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code curl} and splits what it printed into status, headers and body. */
public final class Curl {

    /** curl's exit code when {@code --max-time} ends a transfer: expected when reading a stream for a while. */
    public static final int TIMED_OUT = 28;

    /** What curl got. */
    public record Reply(int status, List<String> headers, String body) {
        public String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(h -> h.substring(prefix.length()).strip()).findFirst().orElse(null);
        }
    }

    private Curl() {
    }

    /** {@code curl -sS <args...>} trusting {@code caFile}; fails unless curl exits 0. */
    public static Reply run(Path caFile, String... args) throws Exception {
        return run(caFile, 30, false, args);
    }

    /** Reads for {@code seconds} and stops: for event streams that do not end. */
    public static Reply stream(Path caFile, int seconds, String... args) throws Exception {
        return run(caFile, seconds, true, args);
    }

    private static Reply run(Path caFile, int seconds, boolean timeoutExpected, String... args) throws Exception {
        Path headers = Files.createTempFile("curl-headers", ".txt");
        try {
            List<String> command = new ArrayList<>(List.of("curl", "-sS", "-N", "--max-time", Integer.toString(seconds),
                    "-D", headers.toString()));
            if (caFile != null) {
                command.addAll(List.of("--cacert", caFile.toString()));
            }
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).start();
            byte[] body = process.getInputStream().readAllBytes();
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(seconds + 10L, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("curl " + String.join(" ", args) + " did not end");
            }
            int exit = process.exitValue();
            if (exit != 0 && !(timeoutExpected && exit == TIMED_OUT)) {
                throw new IllegalStateException("curl " + String.join(" ", args) + " exited with " + exit + ": " + errors);
            }
            List<String> lines = Files.readAllLines(headers, StandardCharsets.ISO_8859_1);
            int start = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("HTTP/")) {
                    start = i;
                }
            }
            int status = Integer.parseInt(lines.get(start).split(" ")[1]);
            List<String> block = lines.subList(start + 1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
            return new Reply(status, block, new String(body, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(headers);
        }
    }
}
