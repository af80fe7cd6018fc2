package dev.jetway.plugin.mcp.front;

import java.util.concurrent.ScheduledExecutorService;

import dev.jetway.plugin.mcp.session.Deadlines;
import dev.jetway.plugin.mcp.session.SessionRegistry;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * An {@code mcp} backend's front end: legacy SSE on exactly {@code /sse}, streamable HTTP on every other path of
 * the route. Answers never wait on a thread: upstream answers complete the response from the upstream's side.
 */
public final class McpHandler extends Handler.Abstract {

    private final StreamableHttpEndpoint streamable;
    private final LegacySseEndpoint legacy;

    /**
     * @param runtime the backend's sessions and scheduler, started and stopped with this handler (so that stopping the
     *                server ends every session and child process)
     */
    public McpHandler(SessionRegistry sessions, ScheduledExecutorService scheduler, Deadlines deadlines, FrontSettings settings,
                      RuntimeBean runtime) {
        this.streamable = new StreamableHttpEndpoint(sessions, settings, scheduler, deadlines);
        this.legacy = new LegacySseEndpoint(sessions, settings, scheduler);
        addBean(runtime, true);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if ("/sse".equals(Request.getPathInContext(request))) {
            legacy.handle(request, response, callback);
        } else {
            streamable.handle(request, response, callback);
        }
        return true;
    }
}
