package dev.jetway.plugin.mcp.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineReaderTest {

    /** A pipe that hands over at most {@code chunk} bytes per read, as a child writing slowly would. */
    private static InputStream trickle(String text, int chunk) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    private static List<String> lines(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        LineReader reader = new LineReader(in);
        while (reader.next((bytes, offset, length) -> lines.add(new String(bytes, offset, length, StandardCharsets.UTF_8)))) {
            // collected
        }
        return lines;
    }

    @Test
    void linesSplitAcrossReadsComeWhole() throws IOException {
        assertEquals(List.of("{\"a\":1}", "", "{\"b\":\"é\"}", "last"), lines(trickle("{\"a\":1}\n\n{\"b\":\"é\"}\nlast", 3)));
    }

    @Test
    void linesLongerThanTheBufferComeWholeAndTheNextOnesToo() throws IOException {
        String big = "x".repeat(300_000);
        String text = ("{\"s\":1}\n" + big + "\n").repeat(3) + "{\"end\":true}\n";
        List<String> lines = lines(trickle(text, 10_000));
        assertEquals(7, lines.size());
        for (int i = 0; i < 6; i += 2) {
            assertEquals("{\"s\":1}", lines.get(i));
            assertEquals(big, lines.get(i + 1));
        }
        assertEquals("{\"end\":true}", lines.get(6));
    }

    @Test
    void anEmptyStreamHasNoLines() throws IOException {
        assertEquals(List.of(), lines(trickle("", 1)));
    }
}
