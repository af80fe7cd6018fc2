package dev.jetway.core.expression;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;

/**
 * Java values to CEL's and back. CEL has one integer type (long), one floating type (double), bytes of its own and a
 * null value; claims and JSON bring ints, dates and Jackson trees, which are converted on the way in.
 */
final class CelValues {

    private CelValues() {
    }

    static Object toCel(Object value) {
        if (value == null) {
            return NullValue.NULL_VALUE;
        }
        if (value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
        }
        if (value instanceof Date date) {
            // JWT time claims (exp, nbf, iat) are seconds since the epoch, as agentgateway's CEL shows them.
            return date.getTime() / 1000;
        }
        if (value instanceof byte[] bytes) {
            return CelByteString.of(bytes);
        }
        if (value instanceof JsonNode node) {
            return json(node);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> converted = new LinkedHashMap<>();
            map.forEach((k, v) -> converted.put(k instanceof String ? k : toCel(k), toCel(v)));
            return converted;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> converted = new ArrayList<>(collection.size());
            collection.forEach(item -> converted.add(toCel(item)));
            return converted;
        }
        return value;
    }

    static Object json(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NullValue.NULL_VALUE;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(entry -> map.put(entry.getKey(), json(entry.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(item -> list.add(json(item)));
            return list;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asText();
    }

    /** A result as plain Java: bytes as {@code byte[]}, CEL's null as {@code null}. */
    static Object fromCel(Object value) {
        if (value instanceof CelByteString bytes) {
            return bytes.toByteArray();
        }
        if (value instanceof NullValue) {
            return null;
        }
        return value;
    }
}
