package dev.jetway.plugin.directresponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.jetway.core.testing.Http;
import dev.jetway.core.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code directResponse} answers for the route; its backends are never called. */
class DirectResponseIT {

    @TempDir
    Path dir;

    @Test
    void theRouteAnswersItself() throws Exception {
        try (TestGateway gateway = TestGateway.start("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - name: direct-response
                      matches: [{path: {pathPrefix: /direct}}]
                      policies:
                        directResponse:
                          body: "hello!"
                          status: 200
                    - name: maintenance
                      matches: [{path: {pathPrefix: /down}}]
                      policies:
                        directResponse: {body: "back soon", status: 503}
                      backends:
                      - testEcho: {name: never-called}
                """, dir)) {
            HttpResponse<String> hello = Http.get("http://127.0.0.1:" + gateway.port() + "/direct/x", Map.of());
            assertEquals(200, hello.statusCode());
            assertEquals("hello!", hello.body());
            HttpResponse<String> down = Http.get("http://127.0.0.1:" + gateway.port() + "/down", Map.of());
            assertEquals(503, down.statusCode());
            assertEquals("back soon", down.body());
        }
    }

    @Test
    void statusAndBodyAreRequiredAndChecked() {
        List<String> problems = TestGateway.problems("""
                binds:
                - port: 0
                  listeners:
                  - routes:
                    - policies:
                        directResponse: {status: 99}
                """, dir);
        assertEquals(List.of(
                "<inline>:6:25: binds[0].listeners[0].routes[0].policies.directResponse.body: body is required (\"\" for none)",
                "<inline>:6:34: binds[0].listeners[0].routes[0].policies.directResponse.status: status 99 is out of range 200-599"),
                problems);
    }
}
