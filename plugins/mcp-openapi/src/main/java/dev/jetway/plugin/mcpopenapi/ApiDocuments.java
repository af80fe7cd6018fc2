package dev.jetway.plugin.mcpopenapi;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.api.ConfigException;
import dev.jetway.api.FactoryContext;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the OpenAPI document a target's {@code schema} names ({@code {file: path}}, or the text inline), with
 * swagger-parser: JSON or YAML, OpenAPI 3.0 or 3.1, references to other files and to components resolved.
 */
final class ApiDocuments {

    private static final Logger LOG = LoggerFactory.getLogger(ApiDocuments.class);

    private ApiDocuments() {
    }

    static OpenAPI load(JsonNode schema, FactoryContext context) throws ConfigException {
        if (schema == null || schema.isNull()) {
            throw new ConfigException("schema", "schema is required: the OpenAPI document, such as {file: openapi.json}");
        }
        if (schema.isTextual()) {
            return parsed(new OpenAPIV3Parser().readContents(schema.asText(), null, options()), "schema", "the inline document");
        }
        if (schema.isObject()) {
            for (Iterator<String> keys = schema.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (key.equals("url")) {
                    throw new ConfigException("schema.url", "schema.url is not supported yet: jetway reads the document"
                            + " while it loads its config, not from the network; save it and use schema: {file: openapi.json}");
                }
                if (!key.equals("file")) {
                    throw new ConfigException("schema." + key, "unknown key \"" + key + "\"; schema is {file: path} or the document inline");
                }
            }
            if (schema.path("file").isTextual()) {
                Path file = context.file("schema.file", schema.get("file").asText());
                return parsed(new OpenAPIV3Parser().readLocation(file.toString(), null, options()), "schema.file", file.toString());
            }
        }
        throw new ConfigException("schema", "schema is {file: path} or the OpenAPI document inline as a string");
    }

    /** Resolves references to other files and to parameters and request bodies; schemas stay references. */
    private static ParseOptions options() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return options;
    }

    private static OpenAPI parsed(SwaggerParseResult result, String field, String what) throws ConfigException {
        List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
        OpenAPI api = result.getOpenAPI();
        if (api == null || api.getOpenapi() == null) {
            throw new ConfigException(field, "cannot read " + what + " as an OpenAPI 3 document"
                    + (messages.isEmpty() ? "" : ": " + String.join("; ", messages)));
        }
        if (!messages.isEmpty()) {
            LOG.warn("Read {} as an OpenAPI document, with warnings: {}", what, String.join("; ", messages));
        }
        return api;
    }
}
