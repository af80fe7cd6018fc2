package dev.jetway.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

import dev.jetway.core.testing.TestCertificates;
import dev.jetway.core.testing.TestCertificates.KeyType;
import org.conscrypt.Conscrypt;
import org.junit.jupiter.api.Test;

/** What a closed listener connection leaves of its Conscrypt engine: nothing that waits for a GC. */
class ConscryptSupportTest {

    @Test
    void releaseClosesTheEngineBothWaysAndFreesItsCoalescingBuffer() throws Exception {
        TestCertificates ca = TestCertificates.newCa("release CA");
        KeyManagerFactory keys = KeyManagerFactory.getInstance("SunX509");
        keys.init(ca.server(KeyType.EC, "localhost").keyStore(), "secret".toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS", Conscrypt.newProvider());
        serverContext.init(keys.getKeyManagers(), null, null);
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        SSLEngine client = ca.clientContext(null).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        handshake(client, server);

        // A response as Jetty writes it, header and body in two buffers: Conscrypt coalesces them in its own buffer.
        ByteBuffer record = ByteBuffer.allocateDirect(server.getSession().getPacketBufferSize());
        SSLEngineResult written = server.wrap(new ByteBuffer[] {ascii("HTTP/1.1 200 OK\r\n\r\n"), ascii("hello")}, record);
        assertEquals(SSLEngineResult.Status.OK, written.getStatus());
        assertNotNull(coalescingBuffer(server), "Conscrypt's coalescing buffer (its field name changed?)");

        ConscryptSupport.release(server); // the client hung up without close_notify

        assertTrue(server.isInboundDone() && server.isOutboundDone());
        assertNull(coalescingBuffer(server));
    }

    private static Object coalescingBuffer(SSLEngine engine) throws ReflectiveOperationException {
        Field delegate = Class.forName("org.conscrypt.Java8EngineWrapper").getDeclaredField("delegate");
        delegate.setAccessible(true);
        Object conscryptEngine = delegate.getDeclaringClass().isInstance(engine) ? delegate.get(engine) : engine;
        Field buffer = Class.forName("org.conscrypt.ConscryptEngine").getDeclaredField("lazyDirectBuffer");
        buffer.setAccessible(true);
        return buffer.get(conscryptEngine);
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Runs both engines' handshakes against each other in memory. */
    private static void handshake(SSLEngine client, SSLEngine server) throws Exception {
        int size = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(size);
        ByteBuffer toClient = ByteBuffer.allocate(size);
        ByteBuffer plain = ByteBuffer.allocate(Math.max(client.getSession().getApplicationBufferSize(),
                server.getSession().getApplicationBufferSize()));
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < 100 && !(done(client) && done(server)); step++) {
            step(client, toServer, toClient, plain);
            step(server, toClient, toServer, plain);
        }
        assertTrue(done(client) && done(server), "handshake did not finish");
    }

    private static boolean done(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }

    private static void step(SSLEngine engine, ByteBuffer out, ByteBuffer in, ByteBuffer plain) throws Exception {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
        engine.wrap(ByteBuffer.allocate(0), out);
        in.flip();
        engine.unwrap(in, plain);
        in.compact();
        plain.clear();
    }
}
