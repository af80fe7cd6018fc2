package dev.jetway.core.tls;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

import javax.net.ssl.SSLEngine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees, once its engine is closed, the 16 KB direct buffer a Conscrypt engine allocates to coalesce small writes (a
 * response's header and body), which it otherwise leaves to the garbage collector. Engines have finalizers, so many
 * of these buffers reach the old generation and wait there for a full GC: under handshake churn, RSS grew by ~12 MB
 * a second. Conscrypt has no API for this, hence reflection into 2.5's fields; where they are not found, the buffers
 * are left to the collector again.
 */
final class ConscryptCoalescingBuffer {

    private static final Logger LOG = LoggerFactory.getLogger(ConscryptCoalescingBuffer.class);

    private static final Field WRAPPED_ENGINE = field("org.conscrypt.Java8EngineWrapper", "delegate");
    private static final Field BUFFER = field("org.conscrypt.ConscryptEngine", "lazyDirectBuffer");
    private static final MethodHandle INVOKE_CLEANER = invokeCleaner();

    private ConscryptCoalescingBuffer() {
    }

    /** Frees the buffer of {@code engine}, which must be closed both ways (Conscrypt then never touches it again). */
    static void free(SSLEngine engine) {
        if (BUFFER == null || INVOKE_CLEANER == null || !engine.isInboundDone() || !engine.isOutboundDone()) {
            return;
        }
        try {
            Object conscryptEngine = WRAPPED_ENGINE != null && WRAPPED_ENGINE.getDeclaringClass().isInstance(engine)
                    ? WRAPPED_ENGINE.get(engine) : engine;
            if (!BUFFER.getDeclaringClass().isInstance(conscryptEngine)) {
                return;
            }
            ByteBuffer buffer = (ByteBuffer) BUFFER.get(conscryptEngine);
            BUFFER.set(conscryptEngine, null);
            if (buffer != null) {
                INVOKE_CLEANER.invokeExact(buffer);
            }
        } catch (Throwable e) {
            LOG.debug("Could not free a Conscrypt engine's direct buffer; the GC will", e);
        }
    }

    private static Field field(String className, String name) {
        try {
            Field field = Class.forName(className).getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Conscrypt's {}.{} not found; engines' direct buffers are left to the GC", className, name, e);
            return null;
        }
    }

    private static MethodHandle invokeCleaner() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(theUnsafe.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("sun.misc.Unsafe.invokeCleaner not available; Conscrypt's direct buffers are left to the GC", e);
            return null;
        }
    }
}
