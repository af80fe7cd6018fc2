package dev.jetway.core.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a YAML or JSON config into a tree, remembering where each key and value was written and expanding
 * environment variables in string values.
 */
public final class ConfigReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final EnvExpander env;
    private final YAMLFactory yaml = new YAMLFactory();
    private final JsonFactory json = new JsonFactory();

    public ConfigReader(EnvExpander env) {
        this.env = env;
    }

    public ConfigDocument readFile(Path file) throws InvalidConfigException {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw single(source, "config file not found");
        } catch (IOException e) {
            throw single(source, "cannot read config file: " + e.getMessage());
        }
        Path dir = file.toAbsolutePath().getParent();
        return read(source, dir, text, file.getFileName().toString().endsWith(".json"));
    }

    public ConfigDocument readInline(String text) throws InvalidConfigException {
        return read("<inline>", null, text, false);
    }

    private ConfigDocument read(String source, Path baseDir, String text, boolean isJson) throws InvalidConfigException {
        Map<ConfigPath, ConfigDocument.NodeLocation> locations = new HashMap<>();
        List<Problems.Problem> problems = new java.util.ArrayList<>();
        JsonNode root;
        Map<ConfigPath, String> written = Map.of();
        Map<String, String> variables = Map.of();
        try (Reader reader = new StringReader(text);
             JsonParser parser = (isJson ? json : yaml).createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                root = NODES.objectNode();
            } else {
                TreeBuilder builder = new TreeBuilder(source, parser, locations, problems);
                root = builder.value(ConfigPath.ROOT, null);
                written = builder.written;
                variables = builder.variables;
            }
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(List.of(syntaxProblem(source, e, isJson)));
        } catch (IOException e) {
            throw single(source, "cannot read config: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        if (!root.isObject()) {
            throw single(source, "the config must be a mapping with keys such as binds, backends and config");
        }
        return new ConfigDocument(source, baseDir, root, locations, written, variables);
    }

    /** SnakeYAML knows where the problem is and what it is; its message also quotes the source, which we drop. */
    private static Problems.Problem syntaxProblem(String source, JsonProcessingException e, boolean isJson) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            String context = yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")";
            return new Problems.Problem(new Location(source, yaml.getProblemMark().getLine() + 1, yaml.getProblemMark().getColumn() + 1),
                    ConfigPath.ROOT, "not valid YAML: " + yaml.getProblem() + context);
        }
        JsonLocation at = e.getLocation();
        return new Problems.Problem(at == null ? new Location(source, 0, 0) : new Location(source, at.getLineNr(), at.getColumnNr()),
                ConfigPath.ROOT, "not valid " + (isJson ? "JSON" : "YAML") + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }

    private static InvalidConfigException single(String source, String message) {
        return new InvalidConfigException(List.of(new Problems.Problem(new Location(source, 0, 0), ConfigPath.ROOT, message)));
    }

    /** Builds the tree from parser tokens so that locations are known for every path. */
    private final class TreeBuilder {
        private final String source;
        private final JsonParser parser;
        private final Map<ConfigPath, ConfigDocument.NodeLocation> locations;
        private final List<Problems.Problem> problems;
        private final Map<ConfigPath, String> written = new HashMap<>();
        private final Map<String, String> variables = new HashMap<>();

        TreeBuilder(String source, JsonParser parser, Map<ConfigPath, ConfigDocument.NodeLocation> locations,
                    List<Problems.Problem> problems) {
            this.source = source;
            this.parser = parser;
            this.locations = locations;
            this.problems = problems;
        }

        JsonNode value(ConfigPath path, Location keyLocation) throws IOException {
            Location at = location(parser.currentTokenLocation());
            locations.put(path, new ConfigDocument.NodeLocation(keyLocation, at));
            JsonToken token = parser.currentToken();
            switch (token) {
                case START_OBJECT:
                    return object(path);
                case START_ARRAY:
                    return array(path);
                case VALUE_STRING:
                    try {
                        String text = parser.getText();
                        String expanded = env.expand(text, variables::put);
                        if (!expanded.equals(text)) {
                            written.put(path, text);
                        }
                        return NODES.textNode(expanded);
                    } catch (EnvExpander.ReferenceException e) {
                        problems.add(new Problems.Problem(at, path, e.getMessage()));
                        return NODES.textNode(parser.getText());
                    }
                case VALUE_NUMBER_INT:
                    return NODES.numberNode(parser.getBigIntegerValue());
                case VALUE_NUMBER_FLOAT:
                    return NODES.numberNode(parser.getDecimalValue());
                case VALUE_TRUE:
                    return NODES.booleanNode(true);
                case VALUE_FALSE:
                    return NODES.booleanNode(false);
                case VALUE_NULL:
                    return NODES.nullNode();
                default:
                    throw new JsonParseProblem(parser, "unexpected " + token);
            }
        }

        private ObjectNode object(ConfigPath path) throws IOException {
            ObjectNode node = NODES.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                Location keyAt = location(parser.currentTokenLocation());
                parser.nextToken();
                ConfigPath child = path.key(name);
                if (node.has(name)) {
                    problems.add(new Problems.Problem(keyAt, child, "duplicate key \"" + name + "\""));
                }
                node.set(name, value(child, keyAt));
            }
            return node;
        }

        private ArrayNode array(ConfigPath path) throws IOException {
            ArrayNode node = NODES.arrayNode();
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                node.add(value(path.index(index++), null));
            }
            return node;
        }

        private Location location(JsonLocation at) {
            return new Location(source, at.getLineNr(), at.getColumnNr());
        }
    }

    /** A token the tree builder cannot place, reported like a syntax error. */
    private static final class JsonParseProblem extends com.fasterxml.jackson.core.JsonParseException {
        private static final long serialVersionUID = 1L;

        JsonParseProblem(JsonParser parser, String message) {
            super(parser, message);
        }
    }
}
