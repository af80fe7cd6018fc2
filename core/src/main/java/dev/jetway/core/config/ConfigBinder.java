package dev.jetway.core.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.jetway.api.ConfigException;

/**
 * Binds config subtrees into typed records with Jackson and turns its complaints into located, actionable
 * problems: unknown keys list the allowed ones, enums list their values, wrong types say what was expected.
 */
public final class ConfigBinder {

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .addModule(new SimpleModule("jetway-config").addDeserializer(Duration.class, new GoDuration.Deserializer()))
            .build();

    /**
     * Binds {@code node} (found at {@code path}) into {@code type}; on failure records the problem and returns empty.
     */
    public <T> Optional<T> bind(JsonNode node, Class<T> type, ConfigPath path, Problems problems) {
        try {
            return Optional.ofNullable(mapper.treeToValue(node, type));
        } catch (JsonMappingException e) {
            report(e, path, problems);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            problems.add(path, e.getMessage());
            return Optional.empty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add(path, e.getOriginalMessage());
            return Optional.empty();
        }
    }

    /**
     * Binds a plugin's nested value, such as an MCP target kind's settings, with the same rules and messages.
     *
     * @param field where {@code node} sits, relative to the plugin's value, for the problem's field
     * @throws ConfigException naming the offending field below {@code field}
     */
    public <T> T bind(JsonNode node, Class<T> type, String field) throws ConfigException {
        JsonNode value = node == null || node.isNull() && type.isRecord() ? mapper.createObjectNode() : node;
        try {
            return mapper.treeToValue(value, type);
        } catch (JsonMappingException e) {
            ConfigPath path = ConfigPath.ROOT.resolve(field);
            for (JsonMappingException.Reference ref : e.getPath()) {
                path = ref.getFieldName() != null ? path.key(ref.getFieldName()) : path.index(ref.getIndex());
            }
            throw new ConfigException(path.isRoot() ? "" : path.toString(), describe(e));
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException(field, e.getMessage());
        }
    }

    private void report(JsonMappingException e, ConfigPath base, Problems problems) {
        ConfigPath path = base;
        for (JsonMappingException.Reference ref : e.getPath()) {
            path = ref.getFieldName() != null ? path.key(ref.getFieldName()) : path.index(ref.getIndex());
        }
        if (e instanceof UnrecognizedPropertyException) {
            problems.addAtKey(path, describe(e));
        } else {
            problems.add(path, describe(e));
        }
    }

    /** What is wrong, for users: unknown keys list the allowed ones, enums their values, types what was expected. */
    private String describe(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown key \"" + u.getPropertyName() + "\"; allowed keys: " + join(u.getKnownPropertyIds());
        } else if (e instanceof ValueInstantiationException) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return cause.getMessage();
        } else if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            return "invalid value \"" + f.getValue() + "\"; allowed values: " + enumValues(f.getTargetType());
        } else if (e instanceof InvalidFormatException f && f.getTargetType() == Duration.class) {
            return f.getOriginalMessage();
        } else if (e instanceof InvalidFormatException f && f.getTargetType() != null) {
            return "expected " + describe(f.getTargetType()) + " but found \"" + f.getValue() + "\"";
        } else if (e instanceof MismatchedInputException m) {
            return mismatch(m);
        }
        return e.getOriginalMessage();
    }

    private String mismatch(MismatchedInputException m) {
        Class<?> target = m.getTargetType();
        String expected = target == null ? "another type" : describe(target);
        String message = m.getOriginalMessage();
        if (message != null && message.startsWith("Missing required creator property")) {
            return message;
        }
        String got = "";
        if (message != null) {
            for (JsonToken token : JsonToken.values()) {
                if (message.contains("token (" + token + ")") || message.contains("`JsonToken." + token + "`")) {
                    got = " but found " + describe(token);
                    break;
                }
            }
            if (got.isEmpty() && message.contains("from String value")) {
                got = " but found a string";
            }
        }
        if (target != null && target.isEnum()) {
            return "expected one of " + enumValues(target) + got;
        }
        return "expected " + expected + got;
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "a mapping";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true/false";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }

    static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "a duration such as 10s";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || JsonNode.class.isAssignableFrom(type)) {
            return "a mapping";
        }
        return "a " + type.getSimpleName();
    }

    private String enumValues(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(c -> "\"" + mapper.convertValue(c, String.class) + "\"")
                .collect(Collectors.joining(", "));
    }

    private static String join(Collection<Object> keys) {
        return keys.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }
}
