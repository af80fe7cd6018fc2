package dev.jetway.core.telemetry;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.jetway.core.config.GlobalSettings.OtlpProtocol;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's tracer: decides per request whether it is traced and starts its {@link ServerSpan}. Off, it costs a
 * volatile read per request and creates nothing. A config that changes the collector replaces the exporter (the old
 * one flushes and closes once requests in flight had time to end); stopping flushes what is pending.
 */
public final class Tracing extends AbstractLifeCycle {

    private static final Logger LOG = LoggerFactory.getLogger(Tracing.class);
    private static final Duration FLUSH = Duration.ofSeconds(10);
    private static final String TRACEPARENT = "traceparent";

    /** The tracer of one exporter with the rules of the config in force. */
    private record Active(TracingPlan plan, SdkTracerProvider provider, Tracer tracer) {
    }

    /** W3C trace context reads {@code traceparent} and {@code tracestate} by name. */
    private static final TextMapGetter<Request> HEADERS = (request, name) -> request == null ? null
            : request.getHeaders().get(name);

    private volatile Active active;
    private final Set<SdkTracerProvider> retiring = ConcurrentHashMap.newKeySet();

    /** The span of {@code request} if it is sampled, started; else {@code null}. */
    ServerSpan start(Request request) {
        Active current = active;
        if (current == null) {
            return null;
        }
        TracingPlan plan = current.plan();
        Context parent = Context.root();
        boolean sampled;
        if (request.getHeaders().contains(TRACEPARENT)) {
            parent = W3CTraceContextPropagator.getInstance().extract(parent, request, HEADERS);
        }
        SpanContext remote = Span.fromContext(parent).getSpanContext();
        if (remote.isValid()) {
            sampled = plan.client() == null ? remote.isSampled() : plan.client().sample(request);
        } else {
            sampled = plan.random() != null && plan.random().sample(request);
        }
        if (!sampled) {
            return null;
        }
        long started = Clock.getDefault().now() - NanoTime.since(request.getBeginNanoTime());
        Span span = current.tracer().spanBuilder(request.getMethod()).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setStartTimestamp(started, TimeUnit.NANOSECONDS).startSpan();
        return new ServerSpan(span, plan.fields());
    }

    /**
     * Applies a config's tracing ({@code null}: off). The exporter is kept when its settings are unchanged; a
     * replaced one is closed after {@code drain}, when requests it traced have ended.
     */
    public synchronized void configure(TracingPlan plan, Duration drain, Scheduler scheduler) {
        Active previous = active;
        if (plan != null && previous != null && previous.plan().export().equals(plan.export())) {
            active = new Active(plan, previous.provider(), previous.tracer());
            return;
        }
        active = plan == null ? null : open(plan);
        if (previous != null) {
            SdkTracerProvider provider = previous.provider();
            retiring.add(provider);
            scheduler.schedule(() -> retire(provider), drain.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static Active open(TracingPlan plan) {
        // Sampling is decided before a span exists (none is created for requests not traced); the SDK records all.
        SdkTracerProvider provider = SdkTracerProvider.builder().setSampler(Sampler.alwaysOn())
                .setResource(Resource.getDefault().merge(Resource.create(ServerSpan.attributes(plan.export().resource()))))
                .addSpanProcessor(BatchSpanProcessor.builder(SpanExporters.create(plan.export()))
                        .setScheduleDelay(Duration.ofSeconds(1)).build())
                .build();
        LOG.info("Tracing to {} over OTLP/{}", plan.export().endpoint(),
                plan.export().protocol() == OtlpProtocol.GRPC ? "gRPC" : "HTTP");
        return new Active(plan, provider, provider.get("dev.jetway"));
    }

    /** Flushes and closes, without waiting: the scheduler's one thread has other work. */
    private void retire(SdkTracerProvider provider) {
        if (retiring.remove(provider)) {
            provider.shutdown();
        }
    }

    @Override
    protected void doStop() {
        Active last = active;
        active = null;
        if (last != null) {
            retiring.add(last.provider());
        }
        for (SdkTracerProvider provider : retiring) {
            retiring.remove(provider);
            provider.shutdown().join(FLUSH.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
