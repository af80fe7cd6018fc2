package dev.jetway.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code openssl s_client} against a listener and reports what it negotiated. */
public final class Openssl {

    /** What a handshake gave: protocol and cipher (OpenSSL names), or a failure. */
    public record Handshake(boolean succeeded, String protocol, String cipher, String output) {
    }

    private Openssl() {
    }

    /** The serial number (hex, as openssl prints it) of the certificate the listener serves for {@code serverName}. */
    public static String serial(int port, String serverName) {
        String script = "openssl s_client -connect 127.0.0.1:" + port + " -servername " + serverName
                + " </dev/null 2>/dev/null | openssl x509 -noout -serial";
        try {
            Process process = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor(20, TimeUnit.SECONDS);
            return out.startsWith("serial=") ? out.substring("serial=".length()) : out;
        } catch (IOException e) {
            throw new IllegalStateException("openssl is needed for this test", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code openssl s_client -connect 127.0.0.1:<port> <args>}, with empty stdin so that it ends after the handshake. */
    public static Handshake connect(int port, String... args) {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("openssl s_client did not finish: " + command);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String protocol = null;
            String cipher = null;
            for (String line : output.split("\n")) {
                line = line.trim();
                // "New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384"
                if (line.startsWith("New, ") && line.contains("Cipher is ")) {
                    String[] parts = line.split(", ");
                    protocol = parts[1];
                    cipher = line.substring(line.indexOf("Cipher is ") + "Cipher is ".length());
                }
            }
            boolean ok = protocol != null && !"(NONE)".equals(protocol) && cipher != null && !"(NONE)".equals(cipher);
            return new Handshake(ok, ok ? protocol : null, ok ? cipher : null, output);
        } catch (IOException e) {
            throw new IllegalStateException("openssl is needed for this test", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
