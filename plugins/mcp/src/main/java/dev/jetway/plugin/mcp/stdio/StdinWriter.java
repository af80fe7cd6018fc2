package dev.jetway.plugin.mcp.stdio;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child's stdin: newline-delimited JSON, in the order sent. A small message sent while nothing is waiting is written
 * by the sender itself, which spares a hand-off to another thread on every call (the wake-up is a good part of the
 * gateway's latency on a small machine); anything else goes through a queue that a thread of the child's own drains.
 * A child that stops reading fills its pipe and blocks whoever writes: at most {@link #DIRECT_WRITERS} gateway threads
 * in all write themselves at once, so a few stuck children cannot hold the gateway's threads.
 */
final class StdinWriter {

    private static final Logger LOG = LoggerFactory.getLogger(StdinWriter.class);
    /** Below the pipe's capacity, so that a direct write normally returns at once. */
    static final int DIRECT_LIMIT = 8 * 1024;
    private static final Semaphore DIRECT_WRITERS = new Semaphore(8);
    /** Tells the writer thread to close the child's stdin. */
    private static final byte[] END_OF_INPUT = new byte[0];

    private final String owner;
    private final OutputStream out;
    private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    /** Held while writing; messages queued count until written, so a sender never overtakes one queued before it. */
    private final ReentrantLock writing = new ReentrantLock();
    private final AtomicInteger unwritten = new AtomicInteger();
    private volatile boolean broken;

    /** @param owner names the child in log lines */
    StdinWriter(String owner, OutputStream out) {
        this.owner = owner;
        this.out = out;
    }

    void send(byte[] json) {
        if (json.length < DIRECT_LIMIT && !broken && DIRECT_WRITERS.tryAcquire()) {
            try {
                if (writing.tryLock()) {
                    try {
                        if (unwritten.get() == 0) {
                            write(List.of(json));
                            return;
                        }
                    } finally {
                        writing.unlock();
                    }
                }
            } finally {
                DIRECT_WRITERS.release();
            }
        }
        enqueue(json);
    }

    /** Closes the child's stdin once everything sent before is written. */
    void end() {
        enqueue(END_OF_INPUT);
    }

    private void enqueue(byte[] json) {
        unwritten.incrementAndGet();
        queue.add(json);
    }

    /** The writer thread's loop, until the end of input or a broken pipe. */
    void drain() {
        List<byte[]> batch = new ArrayList<>();
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch);
                writing.lock();
                try {
                    int end = batch.indexOf(END_OF_INPUT);
                    write(end < 0 ? batch : batch.subList(0, end));
                    if (end >= 0) {
                        close();
                        return;
                    }
                    unwritten.addAndGet(-batch.size());
                } finally {
                    writing.unlock();
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes under the lock; a broken pipe is the child's exit, which its stdout reader reports. */
    private void write(List<byte[]> messages) {
        if (broken) {
            return;
        }
        try {
            for (byte[] json : messages) {
                out.write(json);
                out.write('\n'); // serialized JSON holds no raw newline
            }
            out.flush();
        } catch (IOException e) {
            broken = true;
            LOG.debug("{}: stdin closed: {}", owner, e.getMessage());
        }
    }

    private void close() {
        try {
            out.close();
        } catch (IOException e) {
            LOG.debug("{}: closing stdin: {}", owner, e.getMessage());
        }
    }
}
