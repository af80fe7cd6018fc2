package dev.jetway.core.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jetway.api.http.PlainText;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The admin endpoint (loopback only): {@code GET /config_dump} (the running config, secrets redacted),
 * {@code GET /plugins}, {@code GET|POST /logging[?level=spec]}, {@code POST /quitquitquit} (graceful stop).
 *
 * <p>Listening on loopback keeps other machines out, not this machine's browser: a page a user visits can make the
 * browser send requests here. So a request must name a loopback host (a DNS-rebound name does not), and a call that
 * changes something must not come from a browser: no {@code Origin} header, and no content type a cross-origin form or
 * fetch may send without a preflight ({@code text/plain}, form encodings).
 */
public final class AdminHandler extends Handler.Abstract {

    /** What the admin shows and does. */
    public interface Gateway {
        JsonNode config();

        List<Map<String, Object>> plugins();

        void quit();
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Supplier<Gateway> gateway;

    AdminHandler(Supplier<Gateway> gateway) {
        this.gateway = gateway;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        boolean post = HttpMethod.POST.is(request.getMethod());
        if (!LoopbackHost.is(Request.getServerName(request))) {
            PlainText.send(response, callback, HttpStatus.FORBIDDEN_403, "the admin endpoint answers requests for localhost,"
                    + " 127.0.0.1 or [::1] only\n");
            return true;
        }
        if (post && (request.getHeaders().contains(HttpHeader.ORIGIN) || browserSendable(request))) {
            PlainText.send(response, callback, HttpStatus.FORBIDDEN_403, "admin calls that change something are refused from"
                    + " browsers: send them without an Origin header and without a form or text/plain body (curl -X POST)\n");
            return true;
        }
        switch (path) {
            case "/config_dump" -> json(response, callback, gateway.get().config());
            case "/plugins" -> json(response, callback, gateway.get().plugins());
            case "/logging" -> logging(request, response, callback, post);
            case "/quitquitquit" -> {
                if (!post) {
                    PlainText.send(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "POST to stop the gateway\n");
                } else {
                    PlainText.send(response, callback, HttpStatus.OK_200, "OK: draining and stopping\n");
                    new Thread(gateway.get()::quit, "jetway-quit").start();
                }
            }
            case "/", "" -> PlainText.send(response, callback, HttpStatus.OK_200,
                    "jetway admin: /config_dump /plugins /logging /quitquitquit (POST)\n");
            default -> PlainText.send(response, callback, HttpStatus.NOT_FOUND_404, "unknown admin path " + path + "\n");
        }
        return true;
    }

    /** A content type browsers send cross-origin without asking first (a CORS "simple" request). */
    private static boolean browserSendable(Request request) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null) {
            return false;
        }
        String mime = MimeTypes.getContentTypeWithoutCharset(type).trim().toLowerCase(java.util.Locale.ROOT);
        return mime.equals("text/plain") || mime.equals("application/x-www-form-urlencoded") || mime.equals("multipart/form-data");
    }

    private void logging(Request request, Response response, Callback callback, boolean post) throws Exception {
        Fields query = Request.extractQueryParameters(request);
        String spec = query.getValue("level");
        if (spec != null) {
            if (!post) {
                PlainText.send(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "POST /logging?level=... to change levels\n");
                return;
            }
            try {
                LogLevels.apply(spec);
            } catch (IllegalArgumentException e) {
                PlainText.send(response, callback, HttpStatus.BAD_REQUEST_400, e.getMessage() + "\n");
                return;
            }
        }
        Map<String, String> levels = new LinkedHashMap<>();
        for (String logger : List.of(LogLevels.JETWAY, "org.eclipse.jetty", "org.pf4j")) {
            levels.put(logger, LogLevels.level(logger));
        }
        List<String> asked = new ArrayList<>(spec == null ? List.of() : LogLevels.parse(spec).keySet());
        asked.forEach(logger -> levels.put(logger, LogLevels.level(logger)));
        json(response, callback, levels);
    }

    private static void json(Response response, Callback callback, Object body) throws Exception {
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON_UTF_8.asString());
        Content.Sink.write(response, true, JSON.writeValueAsString(body) + "\n", callback);
    }
}
