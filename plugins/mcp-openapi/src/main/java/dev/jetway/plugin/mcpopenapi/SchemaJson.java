package dev.jetway.plugin.mcpopenapi;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.api.ConfigException;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Schema;

/**
 * The schemas of an OpenAPI document as JSON trees for tools' input schemas. References to component schemas stay
 * references, rewritten to {@code #/$defs/<name>}, and the components they reach travel along under {@code $defs}
 * (as agentgateway bundles them): a recursive schema stays finite and a shared one is written once.
 */
final class SchemaJson {

    private static final String COMPONENTS = "#/components/schemas/";
    private static final String DEFS = "#/$defs/";

    private final ObjectMapper mapper;
    private final Map<String, Schema> components;
    private final String field;

    /** @param field the config field that names the document, for errors */
    SchemaJson(OpenAPI api, String field) {
        this.mapper = api.getSpecVersion() == SpecVersion.V31 ? Json31.mapper() : Json.mapper();
        this.components = api.getComponents() == null || api.getComponents().getSchemas() == null
                ? Map.of() : api.getComponents().getSchemas();
        this.field = field;
    }

    /** The schema as swagger-core writes it for the document's version (OpenAPI 3.1 schemas are JSON Schema). */
    ObjectNode tree(Schema<?> schema) {
        return schema == null ? mapper.createObjectNode() : mapper.valueToTree(schema);
    }

    /** Points the component references in {@code root} at its {@code $defs}, which gets every schema they reach. */
    void bundle(ObjectNode root, String operation) throws ConfigException {
        Deque<String> pending = new ArrayDeque<>();
        rewrite(root, pending, operation);
        Map<String, JsonNode> defs = new TreeMap<>();
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (defs.containsKey(name)) {
                continue;
            }
            Schema<?> schema = components.get(name);
            if (schema == null) {
                throw new ConfigException(field, operation + " refers to the schema " + COMPONENTS + name + ", which the document does not define");
            }
            ObjectNode tree = tree(schema);
            rewrite(tree, pending, operation);
            defs.put(name, tree);
        }
        if (!defs.isEmpty()) {
            root.putObject("$defs").setAll(defs);
        }
    }

    private void rewrite(JsonNode node, Deque<String> found, String operation) throws ConfigException {
        if (node instanceof ObjectNode object && object.path("$ref").isTextual()) {
            String ref = object.get("$ref").asText();
            if (!ref.startsWith(COMPONENTS)) {
                throw new ConfigException(field, operation + " uses the reference " + ref + "; schemas may refer to "
                        + COMPONENTS + "<name> only (references to other files are resolved into those)");
            }
            String name = ref.substring(COMPONENTS.length());
            object.put("$ref", DEFS + name);
            found.add(name);
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            rewrite(children.next(), found, operation);
        }
    }
}
