package dev.jetway.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import dev.jetway.api.PolicyFactory;
import dev.jetway.core.config.ConfigReader;
import dev.jetway.core.config.EnvExpander;
import dev.jetway.core.server.Gateway;
import dev.jetway.core.server.GatewayOptions;
import dev.jetway.core.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin jar built in the test (compiled from source, so its classes are on no class path) and dropped into a
 * plugins folder is loaded by PF4J in its own class loader, and its policy works in a real gateway.
 */
class PluginJarLoadingIT {

    private static final Map<String, String> OPS_OFF = Map.of("ADMIN_ADDR", "off", "STATS_ADDR", "off", "READINESS_ADDR", "off");

    private static final String SOURCE = """
            package example.stamp;

            import dev.jetway.api.FactoryContext;
            import dev.jetway.api.PolicyFactory;
            import org.eclipse.jetty.server.Handler;
            import org.eclipse.jetty.server.Request;
            import org.eclipse.jetty.server.Response;
            import org.eclipse.jetty.util.Callback;
            import org.pf4j.Extension;

            @Extension
            public final class StampFactory implements PolicyFactory<StampFactory.Config> {
                public record Config(String value) {}
                public String type() { return "stamp"; }
                public Class<Config> configType() { return Config.class; }
                public Handler.Wrapper create(Config config, FactoryContext context) {
                    return new Handler.Wrapper() {
                        @Override
                        public boolean handle(Request request, Response response, Callback callback) throws Exception {
                            response.getHeaders().put("x-stamp", config.value() + " via " + getClass().getClassLoader().getClass().getSimpleName());
                            return super.handle(request, response, callback);
                        }
                    };
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aDroppedInJarIsLoadedAndItsPolicyRuns() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        buildPluginJar(plugins.resolve("stamp-plugin-1.0.0.jar"));

        try (PluginRegistry registry = PluginRegistry.load(List.of(plugins))) {
            Registered<PolicyFactory<?>> stamp = registry.policies().get("stamp");
            assertTrue(stamp.source().startsWith("plugin stamp 1.0.0 ("), stamp.source());
            assertTrue(stamp.source().endsWith("stamp-plugin-1.0.0.jar)"), stamp.source());
            assertNotSame(getClass().getClassLoader(), stamp.factory().getClass().getClassLoader());

            String yaml = """
                    binds:
                    - port: 0
                      listeners:
                      - routes:
                        - policies:
                            stamp: {value: hello}
                          backends:
                          - testEcho: {name: e}
                    """;
            Gateway gateway = Gateway.create(registry, new GatewayOptions("127.0.0.1", dir, OPS_OFF));
            gateway.start(gateway.plan(new ConfigReader(EnvExpander.of(Map.of())).readInline(yaml)));
            try {
                HttpResponse<String> response = Http.get("http://127.0.0.1:" + gateway.port(0) + "/", Map.of());
                assertEquals(200, response.statusCode());
                assertEquals("hello via PluginClassLoader", response.headers().firstValue("x-stamp").orElseThrow());
            } finally {
                gateway.stop();
            }
        }
    }

    private void buildPluginJar(Path jar) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/example/stamp"));
        Files.writeString(src.resolve("StampFactory.java"), SOURCE);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, "--release", "17", "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), src.resolve("StampFactory.java").toString());
        assertEquals(0, status, "the plugin source must compile");
        assertTrue(Files.exists(classes.resolve("META-INF/extensions.idx")), "PF4J's annotation processor indexes the extension");

        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Plugin-Id", "stamp");
        attributes.putValue("Plugin-Version", "1.0.0");
        attributes.putValue("Plugin-Provider", "jetway tests");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                jarOut.write(Files.readAllBytes(file));
                jarOut.closeEntry();
            }
        }
    }
}
