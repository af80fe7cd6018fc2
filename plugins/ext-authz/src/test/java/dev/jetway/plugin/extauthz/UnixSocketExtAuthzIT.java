package dev.jetway.plugin.extauthz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** agentgateway's tailscale-auth example: the authorization service on a Unix domain socket, answering JSON. */
class UnixSocketExtAuthzIT {

    @TempDir
    Path dir;

    @Test
    void theTailscaleExampleAsksTheLocalApiOverItsSocket() throws Exception {
        Path socket = dir.resolve("tailscaled.sock");
        try (AuthService tailscaled = AuthService.unix(socket);
             RecordingUpstream upstream = new RecordingUpstream();
             TestGateway gateway = TestGateway.start("""
                     binds:
                     - port: 0
                       listeners:
                       - name: default
                         protocol: HTTP
                         routes:
                         - name: application
                           backends:
                           - host: %s
                           policies:
                             authorization:
                               rules:
                               - 'extauthz.tailscaleNode == "laptop" && extauthz.tailscaleEmail == "alice@example.com"'
                             extAuthz:
                               # Connect to the Tailscale local API socket
                               host: unix:%s
                               policies: {http: {requestTimeout: 10s}}  # not in the example: a shared test machine
                               protocol:
                                 http:
                                   path: |
                                     "/localapi/v0/whois?addr=" + source.address
                                   addRequestHeaders:
                                     # Explicitly override the Hostname we send. Tailscale expects this specific hostname
                                     :authority: '"local-tailscaled.sock"'
                                   # Extract attributes from the Tailscale response, to be used later in logging
                                   metadata:
                                     tailscaleNode: json(response.body).Node.Name
                                     tailscaleEmail: json(response.body).UserProfile.LoginName
                     """.formatted(upstream.address(), socket), dir)) {
            HttpResponse<String> response = ExtAuthzIT.send(gateway, "GET", "/home", "", Map.of());
            assertEquals(200, response.statusCode(), "the metadata from the JSON answer satisfies the rule");
            AuthService.Seen check = tailscaled.next();
            assertEquals("/localapi/v0/whois?addr=127.0.0.1", check.pathQuery());
            assertEquals("local-tailscaled.sock", check.headers().get("host"));
            assertEquals("/home", upstream.next().pathQuery());
        }
    }

    @Test
    void aMissingSocketIsAFailureOfTheService() throws Exception {
        try (RecordingUpstream upstream = new RecordingUpstream();
             TestGateway gateway = TestGateway.start("""
                     binds:
                     - port: 0
                       listeners:
                       - routes:
                         - backends: [{host: %s}]
                           policies:
                             extAuthz: {host: "unix:%s", protocol: {http: {}}, failureMode: {denyWithStatus: 502}}
                     """.formatted(upstream.address(), dir.resolve("absent.sock")), dir)) {
            assertEquals(502, ExtAuthzIT.send(gateway, "GET", "/", "", Map.of()).statusCode());
            assertTrue(upstream.idle());
        }
    }
}
