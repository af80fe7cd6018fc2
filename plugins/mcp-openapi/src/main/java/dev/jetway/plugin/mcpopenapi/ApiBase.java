package dev.jetway.plugin.mcpopenapi;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.jetway.api.ConfigException;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.servers.ServerVariable;

/**
 * Where the API's operations live: the target's host, then the path of the document's server URL. Like
 * agentgateway, only the path is taken from the server ({@code /api/v3}, or the path of
 * {@code https://petstore3.swagger.io/api/v3}): the host is the target's.
 */
final class ApiBase {

    private ApiBase() {
    }

    /**
     * @param address the target's host, as a URL whose path (if any) comes before the server's
     * @return the base URL without a trailing slash, such as {@code http://localhost:8080/api/v3}
     */
    static String of(URI address, OpenAPI api, String field) throws ConfigException {
        List<Server> servers = api.getServers() == null ? List.of() : api.getServers();
        if (servers.size() > 1) {
            throw new ConfigException(field, "the document lists " + servers.size() + " servers; an openapi target"
                    + " calls one API (keep the server whose path the API is under)");
        }
        String prefix = servers.isEmpty() ? "" : path(substitute(servers.get(0)));
        return trimmed(address.toString()) + trimmed(prefix);
    }

    /** Server variables ({@code https://{region}.example.com/{base}}) take their default values. */
    private static String substitute(Server server) {
        String url = server.getUrl() == null ? "" : server.getUrl();
        Map<String, ServerVariable> variables = server.getVariables() == null ? Map.of() : server.getVariables();
        for (Map.Entry<String, ServerVariable> variable : variables.entrySet()) {
            String value = variable.getValue().getDefault();
            url = url.replace("{" + variable.getKey() + "}", value == null ? "" : value);
        }
        return url;
    }

    /** The path of an absolute or relative URL, without its query or fragment. */
    private static String path(String url) {
        String rest = url;
        int scheme = rest.indexOf("://");
        if (scheme >= 0 || rest.startsWith("//")) {
            rest = rest.substring(scheme >= 0 ? scheme + 3 : 2);
            int slash = rest.indexOf('/');
            rest = slash < 0 ? "" : rest.substring(slash);
        }
        int end = rest.length();
        for (char stop : new char[] {'?', '#'}) {
            int at = rest.indexOf(stop);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        rest = rest.substring(0, end);
        return rest.isEmpty() || rest.startsWith("/") ? rest : "/" + rest;
    }

    private static String trimmed(String url) {
        String trimmed = url;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
