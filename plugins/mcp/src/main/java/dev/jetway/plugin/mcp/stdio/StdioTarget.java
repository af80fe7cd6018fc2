package dev.jetway.plugin.mcp.stdio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

import dev.jetway.plugin.mcp.spi.McpTarget;
import dev.jetway.plugin.mcp.spi.TargetSession;
import dev.jetway.plugin.mcp.spi.TargetSessionListener;

/** A stdio target: each session gets its own child process, which lives on this replica only. */
record StdioTarget(String name, StdioConfig config, ScheduledExecutorService scheduler) implements McpTarget {

    @Override
    public boolean remote() {
        return false;
    }

    @Override
    public TargetSession connect(TargetSessionListener listener) {
        List<String> command = new ArrayList<>();
        command.add(config.cmd());
        command.addAll(config.args());
        return ChildProcess.start(name, command, config.env(), listener, scheduler);
    }

    @Override
    public String describe() {
        return "stdio " + String.join(" ", config.cmd(), String.join(" ", config.args())).strip();
    }
}
