package dev.jetway.plugin.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.jetway.plugin.mcp.testing.Curl;
import dev.jetway.plugin.mcp.testing.CurlSession;
import dev.jetway.plugin.mcp.testing.Everything;
import dev.jetway.plugin.mcp.testing.TlsGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas with the same session key: a session opened on one goes on on the other, its streamable HTTP upstream
 * reattached from the encrypted id and its SSE upstream initialized again. Without the key, or with stdio targets,
 * the other replica does not know the session.
 */
class SessionResumeIT {

    static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    static final String OTHER_KEY = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

    @TempDir
    static Path dir;
    static Everything streamable;
    static Everything sse;
    static String remoteTargets;

    @BeforeAll
    static void upstreams() throws Exception {
        streamable = Everything.shared("streamableHttp");
        sse = Everything.shared("sse");
        remoteTargets = """
                targets:
                - name: remote
                  mcp: {host: "%s"}
                - name: legacy
                  sse: {host: "%s"}
                """.formatted(streamable.url("/mcp"), sse.url("/sse"));
    }

    private static TlsGateway replica(String name, String targets, Map<String, String> env) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        return TlsGateway.start(home, targets, env);
    }

    @Test
    void aReplicaWithTheSameKeyResumesTheSession() throws Exception {
        try (TlsGateway first = replica("a", remoteTargets, Map.of("SESSION_KEY", KEY));
             TlsGateway second = replica("b", remoteTargets, Map.of("SESSION_KEY", KEY));
             TlsGateway third = replica("h", remoteTargets, Map.of("SESSION_KEY", KEY));
             TlsGateway stranger = replica("c", remoteTargets, Map.of("SESSION_KEY", OTHER_KEY))) {
            CurlSession onFirst = CurlSession.open(first.caFile(), first.url() + "/mcp");
            assertTrue(onFirst.id().startsWith("e."), onFirst.id());
            assertTrue(onFirst.call(2, "remote_echo", "{\"message\":\"one\"}").body().contains("Echo: one"));

            CurlSession onSecond = onFirst.at(second.caFile(), second.url() + "/mcp");
            assertTrue(onSecond.call(3, "remote_echo", "{\"message\":\"two\"}").body().contains("Echo: two"));
            assertTrue(onSecond.call(4, "legacy_get-sum", "{\"a\":1,\"b\":1}").body().contains("The sum of 1 and 1 is 2."));
            assertTrue(onSecond.post("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}").body().contains("legacy_echo"));

            assertEquals(404, onFirst.at(stranger.caFile(), stranger.url() + "/mcp").call(6, "remote_echo", "{\"message\":\"x\"}").status());
            assertEquals(202, onSecond.delete().status());
            // Ended is ended: the encrypted id is not resumed again where it was deleted...
            assertEquals(404, onSecond.call(7, "remote_echo", "{\"message\":\"x\"}").status());
            // ...nor on the replica that made it, nor on any other with the key: the upstream was told, and its 404
            // ends the session there too.
            for (TlsGateway replica : List.of(first, third)) {
                CurlSession there = onFirst.at(replica.caFile(), replica.url() + "/mcp");
                Curl.Reply lost = there.call(8, "remote_echo", "{\"message\":\"x\"}");
                assertFalse(lost.body().contains("Echo: x"), lost.body());
                assertTrue(lost.body().contains("no longer knows the session"), lost.body());
                assertEquals(404, there.call(9, "remote_echo", "{\"message\":\"x\"}").status());
            }
        }
    }

    @Test
    void idsOfAnotherBackendAreNotResumedEvenWithTheKey() throws Exception {
        String otherTargets = "targets:\n- name: remote\n  mcp: {host: \"" + streamable.url("/mcp") + "\"}";
        try (TlsGateway first = replica("d", remoteTargets, Map.of("SESSION_KEY", KEY));
             TlsGateway other = replica("e", otherTargets, Map.of("SESSION_KEY", KEY))) {
            CurlSession onFirst = CurlSession.open(first.caFile(), first.url() + "/mcp");
            assertEquals(404, onFirst.at(other.caFile(), other.url() + "/mcp").call(2, "echo", "{\"message\":\"x\"}").status());
            onFirst.delete();
        }
    }

    @Test
    void sessionsWithChildProcessesStayOnTheirReplica() throws Exception {
        String stdio = "targets:\n- name: everything\n  " + Everything.stdioYaml();
        try (TlsGateway first = replica("f", stdio, Map.of("SESSION_KEY", KEY));
             TlsGateway second = replica("g", stdio, Map.of("SESSION_KEY", KEY))) {
            CurlSession onFirst = CurlSession.open(first.caFile(), first.url() + "/mcp");
            assertEquals(404, onFirst.at(second.caFile(), second.url() + "/mcp").call(2, "echo", "{\"message\":\"x\"}").status());
            onFirst.delete();
        }
    }
}
