package dev.jetway.plugin.mcpopenapi;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Turns the arguments of a {@code tools/call} into the HTTP request of its operation, as agentgateway does: the
 * values under {@code path} fill the path template (each percent-encoded as one segment), those under {@code query}
 * make the query string (a list repeats its key), those under {@code header} set the headers the operation declares,
 * and {@code body} is sent as JSON (or, for a binary body, decoded from base64).
 */
final class ApiRequests {

    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}/]+)}");
    /** Headers the gateway sets itself, which a tool's arguments may not override. */
    private static final Set<String> PROTECTED = Set.of("content-length", "content-type", "transfer-encoding", "host");

    /** Arguments a request cannot be made from; its message is for the model that called the tool. */
    static final class InvalidArguments extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidArguments(String message) {
            super(message);
        }
    }

    private ApiRequests() {
    }

    /**
     * @param base      the API's base URL, without a trailing slash
     * @param arguments the call's {@code arguments}: an object, or missing
     * @param timeout   how long the request may take in all
     */
    static Request build(HttpClient client, String base, ApiOperation operation, JsonNode arguments, Duration timeout)
            throws InvalidArguments {
        String url = base + path(operation.path(), arguments.path("path")) + query(arguments.path("query"));
        Request request = client.newRequest(URI.create(url))
                .method(operation.method())
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .headers(headers -> headers.put(HttpHeader.ACCEPT, "application/json"));
        for (Map.Entry<String, JsonNode> header : fields(arguments.path("header"), "header")) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (operation.headers().contains(name) && !PROTECTED.contains(name)) {
                String value = scalar(header.getValue(), "header " + header.getKey());
                request.headers(headers -> headers.put(header.getKey(), value));
            }
        }
        JsonNode body = arguments.get("body");
        if (operation.bodyType() != null && body != null && !body.isNull()) {
            request.body(new BytesRequestContent(operation.bodyType(), bodyBytes(operation, body)));
        }
        return request;
    }

    private static String path(String template, JsonNode values) throws InvalidArguments {
        Matcher placeholders = TEMPLATE.matcher(template);
        StringBuilder path = new StringBuilder();
        while (placeholders.find()) {
            String name = placeholders.group(1);
            JsonNode value = values.get(name);
            if (value == null || value.isNull()) {
                throw new InvalidArguments("path parameter \"" + name + "\" is required (under \"path\" in the arguments)");
            }
            String text = scalar(value, "path parameter " + name);
            // Percent-encoding keeps a value in its segment; dot segments would still climb out where upstreams decode first.
            for (String segment : text.split("[/\\\\]", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw new InvalidArguments("path parameter \"" + name + "\" must not be empty or contain an empty, . or .. segment");
                }
            }
            placeholders.appendReplacement(path, Matcher.quoteReplacement(encode(text)));
        }
        placeholders.appendTail(path);
        return path.toString();
    }

    private static String query(JsonNode values) throws InvalidArguments {
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, JsonNode> parameter : fields(values, "query")) {
            JsonNode value = parameter.getValue();
            Iterable<JsonNode> items = value.isArray() ? value : List.of(value);
            for (JsonNode item : items) {
                query.append(query.length() == 0 ? '?' : '&').append(encode(parameter.getKey()));
                if (!item.isNull()) {
                    query.append('=').append(encode(scalar(item, "query parameter " + parameter.getKey())));
                }
            }
        }
        return query.toString();
    }

    private static byte[] bodyBytes(ApiOperation operation, JsonNode body) throws InvalidArguments {
        if (!operation.bodyType().equals(ApiOperation.BINARY)) {
            return JsonRpc.bytes(body);
        }
        if (!body.isTextual()) {
            throw new InvalidArguments("body must be the binary content as a base64 string");
        }
        try {
            return Base64.getDecoder().decode(body.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidArguments("body is not valid base64: " + e.getMessage());
        }
    }

    /** The members of {@code path}, {@code query} or {@code header}: none when it is missing. */
    private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode values, String name) throws InvalidArguments {
        if (values.isMissingNode() || values.isNull()) {
            return List.of();
        }
        if (!values.isObject()) {
            throw new InvalidArguments("\"" + name + "\" must be an object of parameters by name");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = values.fields();
        return () -> fields;
    }

    private static String scalar(JsonNode value, String what) throws InvalidArguments {
        if (value.isTextual() || value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        throw new InvalidArguments(what + " must be a string, number or boolean");
    }

    /** RFC 3986: everything but unreserved characters is percent-encoded, as UTF-8. */
    static String encode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
