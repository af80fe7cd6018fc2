package dev.jetway.plugin.mcpopenapi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import dev.jetway.plugin.mcp.jsonrpc.JsonRpc;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;

/**
 * Turns every operation of an OpenAPI document into a tool, as agentgateway does: named by its
 * {@code operationId}, described by its description (else its summary), with an input schema whose {@code path},
 * {@code query} and {@code header} objects hold its parameters by name and whose {@code body} is its JSON request
 * body. Every problem is collected: operations without an id, ids used twice, cookie parameters, and parameters
 * described by {@code content} rather than a schema.
 */
final class ToolDefinitions {

    /** Where parameters go, in the order the input schema lists them. */
    private static final List<String> LOCATIONS = List.of("path", "query", "header");

    private final OpenAPI api;
    private final String field;
    private final SchemaJson schemas;
    private final List<ConfigProblem> problems = new ArrayList<>();

    private ToolDefinitions(OpenAPI api, String field) {
        this.api = api;
        this.field = field;
        this.schemas = new SchemaJson(api, field);
    }

    /** @param field the config field that names the document, where problems with it are reported */
    static List<ApiOperation> of(OpenAPI api, String field) throws ConfigException {
        return new ToolDefinitions(api, field).build();
    }

    private List<ApiOperation> build() throws ConfigException {
        List<ApiOperation> operations = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<String, PathItem> paths = api.getPaths() == null ? Map.of() : api.getPaths();
        paths.forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String where = method + " " + path;
            String name = operation.getOperationId();
            if (name == null || name.isBlank()) {
                problems.add(new ConfigProblem(field, where + " has no operationId, which names its tool"));
            } else if (!names.add(name)) {
                problems.add(new ConfigProblem(field, "operationId \"" + name + "\" is used twice; tool names must be unique"));
            } else {
                try {
                    operations.add(operation(name, method.name(), path, item, operation));
                } catch (ConfigException e) {
                    problems.addAll(e.problems());
                }
            }
        }));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        if (operations.isEmpty()) {
            throw new ConfigException(field, "the document has no operations, so the target would offer no tools");
        }
        return operations;
    }

    private ApiOperation operation(String name, String method, String path, PathItem item, Operation operation) throws ConfigException {
        String where = "operation " + name + " (" + method + " " + path + ")";
        ObjectNode input = JsonRpc.object().put("type", "object");
        ObjectNode properties = input.putObject("properties");
        ArrayNode required = input.putArray("required");

        RequestBody body = resolve(operation.getRequestBody());
        String bodyType = body == null ? null : bodyType(body.getContent());
        if (bodyType != null) {
            properties.set("body", bodyType.equals(ApiOperation.BINARY)
                    ? JsonRpc.object().put("type", "string").put("format", "byte").put("description", "Base64-encoded binary content")
                    : schemas.tree(body.getContent().get(bodyType).getSchema()));
            if (Boolean.TRUE.equals(body.getRequired())) {
                required.add("body");
            }
        }

        Map<String, Parameter> parameters = parameters(item, operation, where);
        Set<String> headers = new HashSet<>();
        for (String location : LOCATIONS) {
            ObjectNode group = JsonRpc.object().put("type", "object");
            ObjectNode members = group.putObject("properties");
            ArrayNode needed = group.putArray("required");
            for (Parameter parameter : parameters.values()) {
                if (!location.equals(parameter.getIn())) {
                    continue;
                }
                ObjectNode schema = schemas.tree(parameter.getSchema());
                if (parameter.getDescription() != null) {
                    schema.put("description", parameter.getDescription());
                }
                members.set(parameter.getName(), schema);
                // OpenAPI requires path parameters to be required, whatever the document says.
                if (location.equals("path") || Boolean.TRUE.equals(parameter.getRequired())) {
                    needed.add(parameter.getName());
                }
                if (location.equals("header")) {
                    headers.add(parameter.getName().toLowerCase(Locale.ROOT));
                }
            }
            if (!members.isEmpty()) {
                properties.set(location, group);
                if (!needed.isEmpty()) {
                    required.add(location);
                }
            }
        }
        schemas.bundle(input, where);

        ObjectNode tool = JsonRpc.object().put("name", name);
        String summary = operation.getSummary() == null || operation.getSummary().isBlank() ? null : operation.getSummary();
        if (summary != null) {
            tool.put("title", summary);
        }
        String description = operation.getDescription() == null || operation.getDescription().isBlank() ? summary : operation.getDescription();
        tool.put("description", description == null ? name : description);
        tool.set("inputSchema", input);
        return new ApiOperation(name, method, path, headers, bodyType, tool);
    }

    /** The path item's parameters, then the operation's, which override those of the same name and location. */
    private Map<String, Parameter> parameters(PathItem item, Operation operation, String where) throws ConfigException {
        Map<String, Parameter> merged = new LinkedHashMap<>();
        List<Parameter> all = new ArrayList<>();
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            all.addAll(operation.getParameters());
        }
        for (Parameter declared : all) {
            Parameter parameter = resolve(declared);
            String in = parameter.getIn() == null ? "" : parameter.getIn();
            if (!LOCATIONS.contains(in)) {
                throw new ConfigException(field, where + " has the " + in + " parameter \"" + parameter.getName()
                        + "\"; tools can set path, query and header parameters only");
            }
            if (parameter.getSchema() == null && parameter.getContent() != null) {
                throw new ConfigException(field, where + " describes its parameter \"" + parameter.getName()
                        + "\" by content; tools need a schema");
            }
            String name = in.equals("header") ? parameter.getName().toLowerCase(Locale.ROOT) : parameter.getName();
            merged.put(in + " " + name, parameter);
        }
        return merged;
    }

    /** The media type a tool sends as the body: JSON when the operation takes it, else binary, else none. */
    private static String bodyType(Content content) {
        if (content == null) {
            return null;
        }
        if (content.containsKey("application/json")) {
            return "application/json";
        }
        for (Map.Entry<String, MediaType> type : content.entrySet()) {
            if (type.getKey().toLowerCase(Locale.ROOT).endsWith("+json")) {
                return type.getKey();
            }
        }
        return content.containsKey(ApiOperation.BINARY) ? ApiOperation.BINARY : null;
    }

    /** A parameter the parser left as a reference to the document's components. */
    private Parameter resolve(Parameter parameter) throws ConfigException {
        return parameter.get$ref() == null ? parameter
                : component(api.getComponents() == null ? null : api.getComponents().getParameters(), parameter.get$ref(), "parameters");
    }

    private RequestBody resolve(RequestBody body) throws ConfigException {
        return body == null || body.get$ref() == null ? body
                : component(api.getComponents() == null ? null : api.getComponents().getRequestBodies(), body.get$ref(), "requestBodies");
    }

    private <T> T component(Map<String, T> components, String ref, String kind) throws ConfigException {
        String prefix = "#/components/" + kind + "/";
        T found = ref.startsWith(prefix) && components != null ? components.get(ref.substring(prefix.length())) : null;
        if (found == null) {
            throw new ConfigException(field, "the reference " + ref + " does not lead to one of the document's " + kind);
        }
        return found;
    }
}
