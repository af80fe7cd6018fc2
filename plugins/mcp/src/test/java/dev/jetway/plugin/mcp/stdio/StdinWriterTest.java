package dev.jetway.plugin.mcp.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class StdinWriterTest {

    /** What a child would read: lines, and whether its stdin was closed. */
    static final class Pipe extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CountDownLatch closed = new CountDownLatch(1);
        volatile CountDownLatch full;
        volatile CountDownLatch blocked = new CountDownLatch(1);

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            CountDownLatch until = full;
            if (until != null) {
                blocked.countDown();
                try {
                    until.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (this) {
                bytes.write(b, off, len);
            }
        }

        @Override
        public void close() {
            closed.countDown();
        }

        synchronized List<String> lines() {
            String text = bytes.toString(StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
        }
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Thread drain(StdinWriter writer) {
        Thread thread = new Thread(writer::drain, "stdin");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Test
    void everyMessageArrivesOnceAndEachSendersInOrder() throws Exception {
        Pipe pipe = new Pipe();
        StdinWriter writer = new StdinWriter("test", pipe);
        drain(writer);
        ExecutorService senders = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            int sender = s;
            done.add(senders.submit(() -> {
                for (int i = 0; i < 2_000; i++) {
                    // Every tenth is too large to be written by the sender.
                    String pad = i % 10 == 0 ? "x".repeat(StdinWriter.DIRECT_LIMIT) : "";
                    writer.send(json("{\"s\":" + sender + ",\"i\":" + i + ",\"p\":\"" + pad + "\"}"));
                }
            }));
        }
        for (Future<?> sent : done) {
            sent.get(30, TimeUnit.SECONDS);
        }
        senders.shutdown();
        writer.end();
        assertTrue(pipe.closed.await(10, TimeUnit.SECONDS));
        Map<Integer, Integer> next = new HashMap<>();
        List<String> lines = pipe.lines();
        assertEquals(8_000, lines.size());
        for (String line : lines) {
            int sender = Integer.parseInt(line.substring(5, 6));
            int i = Integer.parseInt(line.substring(11, line.indexOf(",\"p\"")));
            assertEquals(next.getOrDefault(sender, 0), i, line.substring(0, 20));
            next.put(sender, i + 1);
        }
    }

    @Test
    void aChildThatStopsReadingHoldsOneSenderAndTheRestAreQueued() throws Exception {
        Pipe pipe = new Pipe();
        pipe.full = new CountDownLatch(1);
        StdinWriter writer = new StdinWriter("test", pipe);
        drain(writer);
        Thread stuck = new Thread(() -> writer.send(json("{\"n\":0}")));
        stuck.start();
        assertTrue(pipe.blocked.await(5, TimeUnit.SECONDS), "the first sender writes itself");
        long start = System.nanoTime();
        for (int n = 1; n <= 100; n++) {
            writer.send(json("{\"n\":" + n + "}")); // returns: the pipe is busy, so the message waits in the queue
        }
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 5);
        assertTrue(stuck.isAlive());
        pipe.full.countDown();
        pipe.full = null;
        stuck.join(5_000);
        writer.end();
        assertTrue(pipe.closed.await(10, TimeUnit.SECONDS));
        List<String> lines = pipe.lines();
        assertEquals(101, lines.size());
        for (int n = 0; n <= 100; n++) {
            assertEquals("{\"n\":" + n + "}", lines.get(n));
        }
    }
}
