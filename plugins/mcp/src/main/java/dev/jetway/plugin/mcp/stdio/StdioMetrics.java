package dev.jetway.plugin.mcp.stdio;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The {@code jetway_mcp_stdio_children} gauge: stdio target processes alive in this gateway. */
public final class StdioMetrics {

    private StdioMetrics() {
    }

    /** Registers the gauge (once per registry: see {@code McpRuntime.registerGauges}). */
    public static void register(MeterRegistry registry) {
        Gauge.builder("jetway.mcp.stdio.children", ChildProcess.ALIVE, Number::doubleValue)
                .description("MCP stdio target processes alive").register(registry);
    }
}
