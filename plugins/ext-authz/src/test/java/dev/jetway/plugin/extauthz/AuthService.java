package dev.jetway.plugin.extauthz;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * An authorization service for tests, on TCP or a Unix domain socket, answering as oauth2-proxy's auth-request
 * endpoint does: the {@code _oauth2_proxy} cookie {@code alice} or {@code bob} is a session (202 with
 * {@code X-Auth-Request-User} and {@code -Email}), {@code teapot} gets a 418 of its own, anything else 401. Under
 * {@code /localapi/v0/whois} it answers as tailscaled does, with JSON; under {@code /slow} it first waits a second.
 * Every check it sees is recorded.
 */
final class AuthService implements AutoCloseable {

    /** One check request as the service received it. */
    record Seen(String method, String pathQuery, HttpFields headers, String body) {
    }

    private final Server server;
    private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();

    private AuthService(Server server) {
        this.server = server;
    }

    static AuthService tcp() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        return start(server);
    }

    static AuthService unix(Path socket) throws Exception {
        Server server = new Server();
        UnixDomainServerConnector connector = new UnixDomainServerConnector(server);
        connector.setUnixDomainPath(socket);
        server.addConnector(connector);
        return start(server);
    }

    private static AuthService start(Server server) throws Exception {
        AuthService service = new AuthService(server);
        server.setHandler(service.new Checks());
        server.start();
        return service;
    }

    /** {@code 127.0.0.1:<port>}, as {@code host} takes it. */
    String address() {
        return "127.0.0.1:" + ((NetworkConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** The next check the service saw, waiting a little for it. */
    Seen next() throws InterruptedException {
        Seen check = seen.poll(10, TimeUnit.SECONDS);
        if (check == null) {
            throw new AssertionError("the authorization service saw no check");
        }
        return check;
    }

    /** Whether the service saw no further check. */
    boolean idle() {
        return seen.isEmpty();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private final class Checks extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String body = Content.Source.asString(request, StandardCharsets.UTF_8);
            seen.add(new Seen(request.getMethod(), request.getHttpURI().getPathQuery(), request.getHeaders().asImmutable(), body));
            String path = request.getHttpURI().getPath();
            if (path.startsWith("/slow")) {
                Thread.sleep(1000);
            }
            if (path.startsWith("/localapi/v0/whois")) {
                answer(response, callback, 200, "application/json",
                        "{\"Node\":{\"Name\":\"laptop\"},\"UserProfile\":{\"LoginName\":\"alice@example.com\"}}");
                return true;
            }
            String session = Request.getCookies(request).stream().filter(c -> c.getName().equals("_oauth2_proxy"))
                    .map(c -> c.getValue()).findFirst().orElse("");
            switch (session) {
                case "alice", "bob" -> {
                    response.getHeaders().put("X-Auth-Request-User", session);
                    response.getHeaders().put("X-Auth-Request-Email", session + "@example.com");
                    answer(response, callback, 202, "text/plain", "");
                }
                case "teapot" -> {
                    response.getHeaders().put("X-Reason", "short and stout");
                    response.getHeaders().add("Set-Cookie", "a=1");
                    response.getHeaders().add("Set-Cookie", "b=2");
                    answer(response, callback, 418, "text/plain", "I'm a teapot");
                }
                default -> {
                    response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"test\"");
                    answer(response, callback, 401, "text/plain", "sign in first");
                }
            }
            return true;
        }

        private static void answer(Response response, Callback callback, int status, String type, String body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        }
    }
}
