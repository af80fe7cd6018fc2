package dev.jetway.plugin.remoteratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.jetway.core.testing.Http;
import dev.jetway.grpc.testing.RateLimitServer;
import dev.jetway.core.testing.JetwayProcess;
import dev.jetway.core.testing.Upstream;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as PF4J loads it from {@code plugins/}: in its own class loader, with Envoy's messages
 * (jetway-grpc) and protobuf-java from the kernel's class path, as in a release (jetway's Main, with this module's
 * classes taken off the class path).
 */
class RemoteRateLimitPackagingIT {

    @TempDir
    Path dir;

    @Test
    void theJarInPluginsRateLimitsWithTheKernelsProtobuf() throws Exception {
        Path jar = Path.of(System.getProperty("plugin.jar"));
        assertTrue(Files.exists(jar), "package this plugin first: " + jar);
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        Path module = jar.getParent().toAbsolutePath();
        List<String> kernel = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).toAbsolutePath().startsWith(module)).toList();
        assertTrue(kernel.stream().anyMatch(entry -> entry.contains("protobuf-java")), kernel.toString());

        int port = JetwayProcess.freePort();
        try (RateLimitServer rls = RateLimitServer.start(1);
             Upstream upstream = Upstream.start(new Handler.Abstract.NonBlocking() {
                 @Override
                 public boolean handle(Request request, Response response, Callback callback) {
                     response.write(true, ByteBuffer.wrap("upstream".getBytes(StandardCharsets.UTF_8)), callback);
                     return true;
                 }
             })) {
            Path config = Files.writeString(dir.resolve("config.yaml"), """
                    binds:
                    - port: %d
                      listeners:
                      - routes:
                        - policies:
                            remoteRateLimit:
                              domain: packaged
                              host: "%s"
                              descriptors: [{entries: [{key: path, value: 'request.path'}]}]
                          backends:
                          - host: "%s"
                    """.formatted(port, rls.address(), upstream.address()));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", String.join(File.pathSeparator, kernel), "dev.jetway.core.server.Main", "-f", config.toString(),
                    "--bind-address", "127.0.0.1", "--plugins", plugins.toString()));
            try (JetwayProcess jetway = JetwayProcess.start(command, dir.resolve("jetway.log"), port)) {
                assertEquals(200, Http.get("http://127.0.0.1:" + port + "/p", Map.of()).statusCode());
                assertEquals(429, Http.get("http://127.0.0.1:" + port + "/p", Map.of()).statusCode());
                assertEquals("path=/p", RateLimitServer.describe(rls.requests().get(0).getDescriptors(0)));
                String log = jetway.log();
                assertTrue(log.contains("Plugin remote-rate-limit 0.1.0-SNAPSHOT (STARTED) from "
                        + plugins.resolve(jar.getFileName())), log);
                assertTrue(log.contains("policy remoteRateLimit"), log);
            }
        }
    }
}
