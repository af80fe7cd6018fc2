package dev.jetway.plugin.mcp.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SseParserTest {

    private static List<String> parse(String... chunks) {
        List<String> events = new ArrayList<>();
        SseParser parser = new SseParser((name, data) -> events.add(name + "=" + data));
        for (String chunk : chunks) {
            parser.feed(ByteBuffer.wrap(chunk.getBytes(StandardCharsets.UTF_8)));
        }
        return events;
    }

    @Test
    void eventsDispatchOnBlankLinesWhateverTheLineEndsAndChunks() {
        assertEquals(List.of("endpoint=/message?sessionId=1", "message={\"a\":1}", "message=x\ny"),
                parse("event: endpoint\r\ndata: /message?sessionId=1\r\n\r\n: keep-alive\n\nda", "ta:{\"a\":1}\r", "\r", "id: 7\ndata: x\ndata: y\n\n"));
        assertEquals(List.of(), parse("data: never finished\n"));
        assertEquals(List.of("message="), parse("data\n\n"));
    }

    @Test
    void utf8SplitAcrossChunksSurvives() {
        byte[] bytes = "data: é€😀\n\n".getBytes(StandardCharsets.UTF_8);
        List<String> events = new ArrayList<>();
        SseParser parser = new SseParser((name, data) -> events.add(data));
        for (byte b : bytes) {
            parser.feed(ByteBuffer.wrap(new byte[] {b}));
        }
        assertEquals(List.of("é€😀"), events);
    }
}
