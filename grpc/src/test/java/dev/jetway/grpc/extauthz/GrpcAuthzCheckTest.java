package dev.jetway.grpc.extauthz;

import static dev.jetway.grpc.testing.AuthorizationServer.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.google.protobuf.BoolValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.rpc.Status;
import dev.jetway.core.testing.Http;
import dev.jetway.core.testing.Upstream;
import dev.jetway.grpc.GrpcChannel;
import dev.jetway.grpc.testing.AuthorizationServer;
import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.envoyproxy.envoy.service.auth.v3.DeniedHttpResponse;
import io.envoyproxy.envoy.service.auth.v3.OkHttpResponse;
import io.envoyproxy.envoy.type.v3.HttpStatus;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gRPC ext_authz check against grpc-java's server (Envoy's Authorization service): what a real request becomes
 * as a CheckRequest, and how each answer reads. The service allows requests with {@code x-allow: yes}.
 */
class GrpcAuthzCheckTest {

    private AuthorizationServer service;
    private HttpClient client;
    private GrpcChannel channel;
    private Upstream gateway;

    @BeforeEach
    void start() throws Exception {
        service = AuthorizationServer.start(GrpcAuthzCheckTest::decide);
        ClientConnector connector = new ClientConnector();
        client = new HttpClient(new HttpClientTransportDynamic(connector, HttpClientConnectionFactory.HTTP11,
                new ClientConnectionFactoryOverHTTP2.HTTP2(new HTTP2Client(connector))));
        client.start();
        channel = new GrpcChannel(client, service.address(), Duration.ofSeconds(30));
        channel.start();
        GrpcAuthzCheck check = new GrpcAuthzCheck(channel, List.of(), Map.of("tenant", "a"));
        // A server that asks the service about each request and answers with what it decided.
        gateway = Upstream.start(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                check.check(request, Map.of("example.com/authn", Map.of("user", "alice", "level", 3L)),
                                "the body".getBytes(StandardCharsets.UTF_8), false)
                        .whenComplete((decision, failure) -> {
                            String text = failure != null ? "failed " + failure.getMessage() : describe(decision);
                            response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
                        });
                return true;
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        channel.stop();
        client.stop();
        service.close();
    }

    private static String describe(AuthzDecision decision) {
        if (decision instanceof AuthzDecision.Allowed allowed) {
            HttpFields.Mutable request = HttpFields.build().put("x-user", "mallory").put("x-tag", "a");
            HeaderChange.applyAll(allowed.requestHeaders(), request);
            return "allowed request=" + request.asString().trim().replace("\r\n", ";") + " remove=" + allowed.removeHeaders()
                    + " response=" + allowed.responseHeaders() + " metadata=" + allowed.metadata();
        }
        AuthzDecision.Denied denied = (AuthzDecision.Denied) decision;
        HttpFields.Mutable headers = HttpFields.build();
        HeaderChange.applyAll(denied.headers(), headers);
        return "denied " + denied.status() + " " + headers.asString().trim() + " " + new String(denied.body(), StandardCharsets.UTF_8);
    }

    @Test
    void anAllowedRequestCarriesItsAttributesAndGetsTheServicesChanges() throws Exception {
        HttpResponse<String> answer = Http.get("http://127.0.0.1:" + gateway.port() + "/tools/call?x=1",
                Map.of("x-allow", "yes", "x-request-id", "r-1", "Authorization", "Bearer t"));
        assertEquals("allowed request=x-user: alice;x-tag: a;x-tag: b remove=[authorization]"
                + " response=[HeaderChange[name=x-checked, value=yes, action=OVERWRITE]] metadata={verdict=ok}", answer.body());

        AttributeContext attributes = service.next().getAttributes();
        AttributeContext.HttpRequest http = attributes.getRequest().getHttp();
        assertEquals("GET", http.getMethod());
        assertEquals("/tools/call?x=1", http.getPath());
        assertEquals("127.0.0.1:" + gateway.port(), http.getHost());
        assertEquals("http", http.getScheme());
        assertEquals("r-1", http.getId());
        assertEquals("the body", http.getBody());
        assertTrue(http.getProtocol().startsWith("HTTP/"), http.getProtocol());
        assertEquals("Bearer t", http.getHeadersMap().get("authorization"));
        assertEquals("/tools/call?x=1", http.getHeadersMap().get(":path"));
        assertEquals("127.0.0.1:" + gateway.port(), http.getHeadersMap().get(":authority"));
        assertEquals("127.0.0.1", attributes.getSource().getAddress().getSocketAddress().getAddress());
        assertEquals(gateway.port(), attributes.getDestination().getAddress().getSocketAddress().getPortValue());
        assertTrue(attributes.getRequest().getTime().getSeconds() > 0);
        assertEquals(Map.of("tenant", "a"), attributes.getContextExtensionsMap());
        Struct metadata = attributes.getMetadataContext().getFilterMetadataOrThrow("example.com/authn");
        assertEquals("alice", metadata.getFieldsOrThrow("user").getStringValue());
        assertEquals(3.0, metadata.getFieldsOrThrow("level").getNumberValue());
    }

    @Test
    void aDeniedRequestGetsTheServicesAnswerOr403() throws Exception {
        HttpResponse<String> answer = Http.get("http://127.0.0.1:" + gateway.port() + "/", Map.of());
        assertEquals("denied 401 WWW-Authenticate: Bearer go away", answer.body());
        assertEquals("denied 403  ", Http.get("http://127.0.0.1:" + gateway.port() + "/", Map.of("x-allow", "bare")).body());
    }

    /** Envoy's Authorization service: allows x-allow: yes with changes, denies x-allow: bare with a bare status. */
    private static CheckResponse decide(CheckRequest request) {
        String allow = AuthorizationServer.http(request).getHeadersMap().getOrDefault("x-allow", "");
        CheckResponse.Builder response = CheckResponse.newBuilder();
        if (allow.equals("yes")) {
            response.setStatus(Status.newBuilder().setCode(0)).setOkResponse(OkHttpResponse.newBuilder()
                            .addHeaders(header("x-user", "alice"))
                            .addHeaders(header("x-tag", "b").toBuilder().setAppend(BoolValue.of(true)))
                            .addHeadersToRemove("authorization")
                            .addResponseHeadersToAdd(header("x-checked", "yes")))
                    .setDynamicMetadata(Struct.newBuilder().putFields("verdict", Value.newBuilder().setStringValue("ok").build()));
        } else if (allow.equals("bare")) {
            response.setStatus(Status.newBuilder().setCode(7));
        } else {
            response.setStatus(Status.newBuilder().setCode(16)).setDeniedResponse(DeniedHttpResponse.newBuilder()
                    .setStatus(HttpStatus.newBuilder().setCodeValue(401)).addHeaders(header("WWW-Authenticate", "Bearer"))
                    .setBody("go away"));
        }
        return response.build();
    }
}
