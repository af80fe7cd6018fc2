package dev.jetway.plugin.a2a;

import dev.jetway.api.GatewayAttributes;
import dev.jetway.api.http.BodyCopy;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A2A traffic, as agentgateway handles it: a {@code GET} of an agent card ({@code /.well-known/agent.json}, or
 * {@code agent-card.json} from A2A 0.3 on) gets the card's {@code url} rewritten to where the client reached it; a
 * JSON {@code POST} has its JSON-RPC method read, as the backend reads the body, for the access log.
 */
final class A2aHandler extends Handler.Wrapper {

    /** agentgateway's default buffer limit ({@code http.maxBufferSize}), for cards and calls alike. */
    static final int MAX_BODY = 2 * 1024 * 1024;
    private static final String[] CARD_PATHS = {"/.well-known/agent.json", "/.well-known/agent-card.json"};
    private static final String UNKNOWN = "unknown";

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        if (HttpMethod.GET.is(method)) {
            String base = agentUrl(request);
            if (base != null) {
                AgentCardResponse card = new AgentCardResponse(request, response, base);
                return super.handle(request, card, card.callback(callback));
            }
        } else if (HttpMethod.POST.is(method)) {
            if (!isJson(request.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
                request.setAttribute(GatewayAttributes.A2A_METHOD, UNKNOWN);
            } else {
                return super.handle(new BodyCopy(request, MAX_BODY, new BodyCopy.Listener() {
                    @Override
                    public void copied(byte[] body) {
                        request.setAttribute(GatewayAttributes.A2A_METHOD, JsonRpcMethod.of(body).orElse(UNKNOWN));
                    }

                    @Override
                    public void abandoned() {
                        request.setAttribute(GatewayAttributes.A2A_METHOD, UNKNOWN);
                    }
                }), response, callback);
            }
        }
        return super.handle(request, response, callback);
    }

    /**
     * For an agent card request, where the client reached the agent: its scheme and authority, and the path it asked
     * for without the well-known suffix; the URL as the client sent it, before any urlRewrite. {@code null} otherwise.
     */
    private static String agentUrl(Request request) {
        String path = request.getHttpURI().getPath();
        for (String card : CARD_PATHS) {
            if (path.endsWith(card)) {
                HttpURI client = Request.unWrap(request).getHttpURI();
                String clientPath = client.getPath().endsWith(card)
                        ? client.getPath().substring(0, client.getPath().length() - card.length()) : "";
                String authority = client.getAuthority() != null ? client.getAuthority()
                        : Request.getServerName(request) + ":" + Request.getServerPort(request);
                return client.getScheme() + "://" + authority + clientPath;
            }
        }
        return null;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }
}
