package dev.jetway.plugin.extauthz;

import static dev.jetway.grpc.testing.AuthorizationServer.header;
import static dev.jetway.grpc.testing.AuthorizationServer.http;
import static dev.jetway.plugin.extauthz.ExtAuthzIT.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.google.protobuf.BoolValue;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.rpc.Status;
import com.nimbusds.jose.jwk.RSAKey;
import dev.jetway.core.testing.TestGateway;
import dev.jetway.grpc.testing.AuthorizationServer;
import dev.jetway.plugin.jwtauth.testing.TestKeys;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption.HeaderAppendAction;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.envoyproxy.envoy.service.auth.v3.DeniedHttpResponse;
import io.envoyproxy.envoy.service.auth.v3.OkHttpResponse;
import io.envoyproxy.envoy.type.v3.HttpStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code extAuthz} over gRPC (agentgateway's default protocol) with a real Envoy ext_authz service (grpc-java), a real
 * upstream and a real gateway. The service decides by the request's {@code x-verdict} header: {@code allow} (with
 * header changes and metadata for {@code x-as}, alice by default), {@code deny} (401 with a body), {@code hang} (no
 * answer); anything else is a bare denial.
 */
class GrpcExtAuthzIT {

    @TempDir
    Path dir;

    private AuthorizationServer authz;
    private RecordingUpstream upstream;

    @BeforeEach
    void start() throws Exception {
        authz = AuthorizationServer.start(GrpcExtAuthzIT::decide);
        upstream = new RecordingUpstream();
    }

    @AfterEach
    void stop() throws Exception {
        upstream.close();
        authz.close();
    }

    private static CheckResponse decide(CheckRequest check) {
        Map<String, String> headers = http(check).getHeadersMap();
        CheckResponse.Builder response = CheckResponse.newBuilder();
        switch (headers.getOrDefault("x-verdict", "")) {
            case "allow" -> response.setStatus(Status.newBuilder().setCode(0))
                    .setOkResponse(OkHttpResponse.newBuilder()
                            .addHeaders(header("x-user", "alice"))
                            .addHeaders(header("x-tag", "b").toBuilder().setAppend(BoolValue.of(true)))
                            .addHeaders(header("x-present", "replaced").toBuilder().setAppendAction(HeaderAppendAction.ADD_IF_ABSENT))
                            .addHeaders(header("x-absent", "added").toBuilder().setAppendAction(HeaderAppendAction.ADD_IF_ABSENT))
                            .addHeaders(header("x-nowhere", "set").toBuilder().setAppendAction(HeaderAppendAction.OVERWRITE_IF_EXISTS))
                            .addHeaders(header("host", "evil.example"))
                            .addHeadersToRemove("x-secret")
                            .addHeadersToRemove(":path")
                            .addResponseHeadersToAdd(header("x-checked", "yes")))
                    .setDynamicMetadata(Struct.newBuilder()
                            .putFields("user", Value.newBuilder().setStringValue(headers.getOrDefault("x-as", "alice")).build())
                            .putFields("groups", Value.newBuilder().setListValue(ListValue.newBuilder()
                                    .addValues(Value.newBuilder().setStringValue("admins"))).build()));
            case "deny" -> response.setStatus(Status.newBuilder().setCode(7))
                    .setDeniedResponse(DeniedHttpResponse.newBuilder()
                            .setStatus(HttpStatus.newBuilder().setCodeValue(401))
                            .addHeaders(header("www-authenticate", "Bearer realm=\"test\""))
                            .setBody("sign in first"));
            case "hang" -> {
                return null;
            }
            default -> response.setStatus(Status.newBuilder().setCode(7));
        }
        return response.build();
    }

    /** A gateway with one route to the upstream, with these policies (YAML, from their keys). */
    private TestGateway gateway(String policies) throws Exception {
        return TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - backends: [{host: %s}]
                      policies:
                %s
                """.formatted(upstream.address(), policies.indent(8).stripTrailing()), dir);
    }

    /** {@code extAuthz} with these settings besides the service and a 10s check timeout (a shared machine is slow). */
    private TestGateway extAuthz(String settings) throws Exception {
        return gateway("extAuthz: {host: %s, policies: {http: {requestTimeout: 10s}}%s}".formatted(authz.address(),
                settings.isEmpty() ? "" : ", " + settings));
    }

    @Test
    void withoutAProtocolTheServiceIsAskedOverGrpcAndItsHeaderChangesReachTheUpstream() throws Exception {
        try (TestGateway gateway = extAuthz("")) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/app/page?x=1"))
                    .header("x-verdict", "allow").header("x-user", "mallory").header("x-tag", "a").header("x-tag", "a2")
                    .header("x-present", "kept").header("x-secret", "s3cret").header("authorization", "Bearer t")
                    .timeout(Duration.ofSeconds(20)).build();
            HttpResponse<String> allowed = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, allowed.statusCode());
            assertEquals("upstream", allowed.body());
            assertEquals("yes", allowed.headers().firstValue("x-checked").orElseThrow(), "response_headers_to_add");

            AttributeContext.HttpRequest checked = http(authz.next());
            assertEquals("GET", checked.getMethod());
            assertEquals("/app/page?x=1", checked.getPath());
            Map<String, String> sent = checked.getHeadersMap();
            assertEquals("Bearer t", sent.get("authorization"), "all headers by default");
            assertEquals("s3cret", sent.get("x-secret"));
            assertEquals("a, a2", sent.get("x-tag"));
            assertEquals("GET", sent.get(":method"));
            assertEquals("/app/page?x=1", sent.get(":path"));
            assertEquals("127.0.0.1:" + gateway.port(), sent.get(":authority"));
            assertEquals("http", sent.get(":scheme"));

            RecordingUpstream.Received received = upstream.next();
            assertEquals("/app/page?x=1", received.pathQuery(), "a pseudo header is not the service's to remove");
            assertEquals(List.of("alice"), received.headers().getValuesList("x-user"), "overwritten");
            assertEquals(List.of("a", "a2", "b"), received.headers().getValuesList("x-tag"), "appended");
            assertEquals(List.of("kept"), received.headers().getValuesList("x-present"), "added only if absent");
            assertEquals(List.of("added"), received.headers().getValuesList("x-absent"));
            assertNull(received.headers().get("x-nowhere"), "overwritten only if present");
            assertNull(received.headers().get("x-secret"), "headers_to_remove");
            assertFalse(received.headers().get("host").contains("evil"), "Host is not the service's to set");
        }
    }

    @Test
    void theDynamicMetadataIsExtauthzForALaterAuthorizationRule() throws Exception {
        try (TestGateway gateway = gateway("""
                authorization:
                  rules: ['extauthz.user == "alice" && "admins" in extauthz.groups']
                extAuthz:
                  host: %s
                  policies: {http: {requestTimeout: 10s}}
                  protocol:
                    grpc:
                      context: {tenant: acme}
                      metadata:
                        example.com/request: '{"path": request.path, "verdict": request.headers["x-verdict"]}'
                        example.com/plain: '"not a map"'
                """.formatted(authz.address()))) {
            assertEquals(200, send(gateway, "GET", "/app", "", Map.of("x-verdict", "allow")).statusCode());
            AttributeContext attributes = authz.next().getAttributes();
            assertEquals(Map.of("tenant", "acme"), attributes.getContextExtensionsMap());
            Map<String, Struct> metadata = attributes.getMetadataContext().getFilterMetadataMap();
            assertEquals(Map.of("path", Value.newBuilder().setStringValue("/app").build(),
                    "verdict", Value.newBuilder().setStringValue("allow").build()),
                    metadata.get("example.com/request").getFieldsMap());
            assertFalse(metadata.containsKey("example.com/plain"), "a namespace's value must be a map");

            HttpResponse<String> bob = send(gateway, "GET", "/app", "", Map.of("x-verdict", "allow", "x-as", "bob"));
            assertEquals(403, bob.statusCode(), "the authorization rule reads extauthz.user");
            assertEquals("authorization failed", bob.body());
            assertEquals("/app", upstream.next().pathQuery());
            assertTrue(upstream.idle());
        }
    }

    @Test
    void aDenialAnswersWithTheServicesStatusHeadersAndBody() throws Exception {
        try (TestGateway gateway = extAuthz("protocol: {grpc: {}}")) {
            HttpResponse<String> denied = send(gateway, "GET", "/x", "", Map.of("x-verdict", "deny"));
            assertEquals(401, denied.statusCode());
            assertEquals("sign in first", denied.body());
            assertEquals("Bearer realm=\"test\"", denied.headers().firstValue("www-authenticate").orElseThrow());

            HttpResponse<String> bare = send(gateway, "GET", "/x", "", Map.of("x-verdict", "no"));
            assertEquals(403, bare.statusCode(), "a denial without an HTTP answer");
            assertEquals("external authorization failed", bare.body());
            assertTrue(upstream.idle());
        }
    }

    @Test
    void whenTheServiceIsDownOrTooSlowTheFailureModeDecides() throws Exception {
        String down;
        try (AuthorizationServer gone = AuthorizationServer.start(GrpcExtAuthzIT::decide)) {
            down = gone.address();
        }
        try (TestGateway gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - matches: [{path: {pathPrefix: /down}}]
                      policies:
                        extAuthz: {host: %1$s}
                      backends: [{host: %3$s}]
                    - policies:
                        extAuthz: {host: %2$s, failureMode: allow}
                      backends: [{host: %3$s}]
                """.formatted(down, authz.address(), upstream.address()), dir)) {
            HttpResponse<String> refused = send(gateway, "GET", "/down", "", Map.of("x-verdict", "allow"));
            assertEquals(403, refused.statusCode(), "failureMode deny, the default");
            assertEquals("external authorization failed", refused.body());
            assertTrue(upstream.idle());

            // The service never answers: agentgateway's 200ms deadline passes, and failureMode allow lets it through.
            HttpResponse<String> slow = send(gateway, "GET", "/slow", "", Map.of("x-verdict", "hang"));
            assertEquals(200, slow.statusCode());
            assertEquals("hang", http(authz.next()).getHeadersMap().get("x-verdict"));
            assertEquals("/slow", upstream.next().pathQuery());
        }
    }

    @Test
    void theBodyGoesAsTextOrAsBytesAndStillReachesTheUpstreamWhole() throws Exception {
        try (TestGateway gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - name: text
                      matches: [{path: {pathPrefix: /text}}]
                      policies:
                        extAuthz:
                          host: %1$s
                          includeRequestBody: {maxRequestBytes: 4, allowPartialMessage: true}
                          policies: {http: {requestTimeout: 10s}}
                      backends: [{host: %2$s}]
                    - name: bytes
                      policies:
                        extAuthz:
                          host: %1$s
                          includeRequestBody: {packAsBytes: true}
                          policies: {http: {requestTimeout: 10s}}
                      backends: [{host: %2$s}]
                """.formatted(authz.address(), upstream.address()), dir)) {
            Map<String, String> allow = Map.of("x-verdict", "allow");
            assertEquals(200, send(gateway, "POST", "/text", "hello world", allow).statusCode());
            AttributeContext.HttpRequest text = http(authz.next());
            assertEquals("hell", text.getBody(), "cut to maxRequestBytes");
            assertTrue(text.getRawBody().isEmpty());
            assertEquals("hello world", upstream.next().body());

            assertEquals(200, send(gateway, "POST", "/bytes", "hello", allow).statusCode());
            AttributeContext.HttpRequest bytes = http(authz.next());
            assertEquals("hello", bytes.getRawBody().toString(StandardCharsets.UTF_8));
            assertEquals("", bytes.getBody());
            assertEquals("hello", upstream.next().body());
        }
    }

    @Test
    void includeRequestHeadersNamesWhatTheServiceSees() throws Exception {
        try (TestGateway gateway = extAuthz("includeRequestHeaders: [x-verdict, \":path\"]")) {
            send(gateway, "GET", "/only?these=1", "", Map.of("x-verdict", "allow", "authorization", "Bearer t"));
            assertEquals(Map.of("x-verdict", "allow", ":path", "/only?these=1"), http(authz.next()).getHeadersMap());
        }
    }

    @Test
    void withoutMetadataTheVerifiedJwtClaimsGoAsEnvoysJwtFilterPassesThem() throws Exception {
        RSAKey key = TestKeys.rsa("k1");
        try (TestGateway gateway = gateway("""
                jwtAuth: {issuer: idp, jwks: '%s'}
                extAuthz: {host: %s, policies: {http: {requestTimeout: 10s}}}
                """.formatted(TestKeys.jwks(key), authz.address()))) {
            String token = TestKeys.token(key, "idp", Map.of("sub", "alice"));
            assertEquals(200, send(gateway, "GET", "/", "", Map.of("x-verdict", "allow", "authorization", "Bearer " + token))
                    .statusCode());
            Struct jwt = authz.next().getAttributes().getMetadataContext().getFilterMetadataOrThrow("envoy.filters.http.jwt_authn");
            Struct payload = jwt.getFieldsOrThrow("jwt_payload").getStructValue();
            assertEquals("alice", payload.getFieldsOrThrow("sub").getStringValue());
            assertEquals("idp", payload.getFieldsOrThrow("iss").getStringValue());
        }
    }
}
