package dev.jetway.plugin.mcp.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.plugin.mcp.spi.TargetSessionListener;
import org.junit.jupiter.api.Test;

class ChildProcessTest {

    @Test
    void aMessageTheSessionFailsOnDoesNotEndTheReader() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        CountDownLatch closed = new CountDownLatch(1);
        TargetSessionListener listener = new TargetSessionListener() {
            @Override
            public void onMessage(ObjectNode message, JsonNode relatedTo) {
                received.add(message.path("method").asText());
                if (received.size() == 1) {
                    throw new IllegalStateException("channel already completed");
                }
            }

            @Override
            public void onUndelivered(JsonNode id, String reason) {
            }

            @Override
            public void onSessionLost(String reason) {
            }

            @Override
            public void onClosed(String reason) {
                closed.countDown();
            }
        };
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            ChildProcess.start("test", List.of("node", "-e", """
                    console.log(JSON.stringify({jsonrpc: "2.0", method: "first"}));
                    console.log(JSON.stringify({jsonrpc: "2.0", method: "second"}));"""), Map.of(), listener, scheduler);
            assertTrue(closed.await(20, TimeUnit.SECONDS));
            assertEquals(List.of("first", "second"), received);
        } finally {
            scheduler.shutdownNow();
        }
    }
}
