package dev.jetway.plugin.mcp.stdio;

import java.io.IOException;
import java.io.InputStream;

/**
 * Newline-delimited lines from a child's stdout, handed over as bytes in the read buffer: JSON is parsed where it lies
 * instead of being decoded to text and re-read. A line longer than the buffer grows it; the buffer shrinks back after.
 */
final class LineReader {

    /** Where a line is, valid until the next call of {@link #next}. */
    interface Sink {
        void line(byte[] bytes, int offset, int length);
    }

    private static final int SIZE = 64 * 1024;

    private final InputStream in;
    private byte[] buffer = new byte[SIZE];
    private int start;
    private int end;
    /** Where the search for the next newline resumes. */
    private int scanned;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Hands the next line (without its newline) to {@code sink}; false at the end of the stream. */
    boolean next(Sink sink) throws IOException {
        while (true) {
            for (int i = scanned; i < end; i++) {
                if (buffer[i] == '\n') {
                    int from = start;
                    start = i + 1;
                    scanned = start;
                    sink.line(buffer, from, i - from);
                    return true;
                }
            }
            scanned = end;
            makeRoom();
            int read = in.read(buffer, end, buffer.length - end);
            if (read < 0) {
                if (end > start) { // a last line without its newline
                    int from = start;
                    start = end;
                    sink.line(buffer, from, end - from);
                    return true;
                }
                return false;
            }
            end += read;
        }
    }

    private void makeRoom() {
        if (start == end) {
            start = 0;
            end = 0;
            scanned = 0;
            if (buffer.length > SIZE) {
                buffer = new byte[SIZE];
            }
            return;
        }
        if (end < buffer.length) {
            return;
        }
        int length = end - start;
        byte[] next = length * 2 > buffer.length ? new byte[buffer.length * 2] : buffer;
        System.arraycopy(buffer, start, next, 0, length);
        buffer = next;
        scanned -= start;
        start = 0;
        end = length;
    }
}
