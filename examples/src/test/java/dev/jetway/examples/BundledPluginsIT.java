package dev.jetway.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.jetway.core.testing.JetwayProcess;
import dev.jetway.core.testing.Release;
import dev.jetway.core.testing.Upstream;
import dev.jetway.plugin.mcp.testing.PlainMcpSession;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled plugins that bring libraries of their own, as a user gets them from the release: each library in its
 * plugin's folder ({@code plugins/<plugin>/lib/}), none in the kernel's {@code lib/} nor a second copy of the
 * kernel's in a plugin's, and each plugin working from {@code bin/jetway}.
 */
class BundledPluginsIT {

    @TempDir
    static Path dir;
    static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        home = Release.unpack(dir);
    }

    /** The jars in {@code plugin}'s lib/, which the kernel's lib/ must not hold. */
    private static List<String> ownLibraries(String plugin, String library) throws IOException {
        try (Stream<Path> kernel = Files.list(home.resolve("lib"))) {
            assertFalse(kernel.anyMatch(jar -> jar.getFileName().toString().startsWith(library)), library + " is not the kernel's");
        }
        try (Stream<Path> libs = Files.list(home.resolve("plugins").resolve(plugin).resolve("lib"))) {
            List<String> names = libs.map(jar -> jar.getFileName().toString()).sorted().toList();
            assertTrue(names.stream().anyMatch(name -> name.startsWith(library)), names.toString());
            assertTrue(names.stream().noneMatch(name -> name.startsWith("jackson-databind") || name.startsWith("jetty-")),
                    "the kernel's libraries are shared: " + names);
            return names;
        }
    }

    private static JetwayProcess start(String name, String routes, int port) throws Exception {
        Path config = Files.writeString(dir.resolve(name + ".yaml"), """
                binds:
                - port: %d
                  listeners:
                  - routes:
                %s
                """.formatted(port, routes.indent(4).stripTrailing()));
        return Release.start(home, config, dir.resolve(name + ".log"), port);
    }

    @Test
    void jwtAuthWithNimbus() throws Exception {
        ownLibraries("jetway-plugin-jwt-auth", "nimbus-jose-jwt");
        RSAKey key = new RSAKeyGenerator(2048).keyID("release").generate();
        Files.writeString(dir.resolve("jwks.json"), new JWKSet(key).toPublicJWKSet().toString());
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("release").build(),
                new JWTClaimsSet.Builder().issuer("release-test").expirationTime(new Date(System.currentTimeMillis() + 600_000)).build());
        token.sign(new RSASSASigner(key));
        int port = JetwayProcess.freePort();
        try (JetwayProcess jetway = start("jwt", """
                - policies:
                    jwtAuth: {mode: strict, issuer: release-test, jwks: {file: %s}}
                    backendAuth: {key: upstream-key}
                    directResponse: {body: "authenticated", status: 200}
                """.formatted(dir.resolve("jwks.json")), port)) {
            String url = "http://127.0.0.1:" + port + "/";
            assertTrue(curl("-si", url).startsWith("HTTP/1.1 401"));
            String passed = curl("-si", "-H", "Authorization: Bearer " + token.serialize(), url);
            assertTrue(passed.startsWith("HTTP/1.1 200") && passed.endsWith("authenticated"), passed);
            assertTrue(jetway.log().contains("Plugin jwt-auth 0.1.0-SNAPSHOT (STARTED) from "
                    + home.resolve("plugins/jetway-plugin-jwt-auth")), jetway.log());
        }
    }

    @Test
    void localRateLimitWithBucket4j() throws Exception {
        assertEquals(List.of("bucket4j_jdk17-core-8.17.0.jar"), ownLibraries("jetway-plugin-local-rate-limit", "bucket4j"));
        int port = JetwayProcess.freePort();
        try (JetwayProcess jetway = start("ratelimit", """
                - policies:
                    localRateLimit: [{maxTokens: 2, tokensPerFill: 1, fillInterval: 1h}]
                    timeout: {requestTimeout: 5s}
                    retry: {attempts: 1, codes: [503]}
                    directResponse: {body: "hello", status: 200}
                """, port)) {
            String url = "http://127.0.0.1:" + port + "/";
            assertTrue(curl("-si", url).startsWith("HTTP/1.1 200"));
            String second = curl("-si", url);
            assertTrue(second.startsWith("HTTP/1.1 200") && second.toLowerCase().contains("x-ratelimit-remaining: 0"), second);
            String third = curl("-si", url);
            assertTrue(third.startsWith("HTTP/1.1 429") && third.endsWith("rate limit exceeded"), third);
        }
    }

    @Test
    void openapiTargetsWithSwaggerParser() throws Exception {
        ownLibraries("jetway-plugin-mcp-openapi", "swagger-parser-v3");
        try (Upstream petstore = Upstream.start(new PetById())) {
            int port = JetwayProcess.freePort();
            try (JetwayProcess jetway = start("openapi", """
                    - backends:
                      - mcp:
                          targets:
                          - name: petstore
                            openapi: {host: "%s", schema: {file: %s}}
                    """.formatted(petstore.address(), home.resolve("examples/openapi/openapi.json")), port)) {
                assertTrue(jetway.log().contains("Plugin mcp-openapi 0.1.0-SNAPSHOT (STARTED) from "
                        + home.resolve("plugins/jetway-plugin-mcp-openapi")), jetway.log());
                PlainMcpSession session = PlainMcpSession.open("http://127.0.0.1:" + port + "/mcp");
                JsonNode tools = PlainMcpSession.response(session.post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}"));
                assertEquals(19, tools.at("/result/tools").size(), tools.toString());
                JsonNode pet = PlainMcpSession.response(session.call(3, "getPetById", "{\"path\": {\"petId\": 1}}"));
                assertFalse(pet.at("/result/isError").asBoolean(), pet.toString());
                assertEquals("Rex", pet.at("/result/structuredContent/name").asText(), pet.toString());
            }
        }
    }

    private static String curl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("curl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }

    /** The one Petstore operation this test calls. */
    private static final class PetById extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            boolean found = Request.getPathInContext(request).equals("/api/v3/pet/1");
            response.setStatus(found ? 200 : 404);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, found ? "application/json" : "text/plain");
            Content.Sink.write(response, true, found ? "{\"id\":1,\"name\":\"Rex\",\"photoUrls\":[]}" : "Pet not found", callback);
            return true;
        }
    }
}
