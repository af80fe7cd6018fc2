package dev.jetway.grpc.extauthz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;

/** {@code google.protobuf.Struct} to and from the plain values CEL works with (maps, lists, strings, numbers). */
final class Structs {

    private Structs() {
    }

    static Struct struct(Map<?, ?> map) {
        Struct.Builder struct = Struct.newBuilder();
        map.forEach((key, value) -> struct.putFields(String.valueOf(key), value(value)));
        return struct.build();
    }

    static Map<String, Object> map(Struct struct) {
        Map<String, Object> map = new LinkedHashMap<>();
        struct.getFieldsMap().forEach((key, value) -> map.put(key, plain(value)));
        return map;
    }

    private static Value value(Object value) {
        Value.Builder built = Value.newBuilder();
        if (value == null) {
            built.setNullValue(NullValue.NULL_VALUE);
        } else if (value instanceof Boolean bool) {
            built.setBoolValue(bool);
        } else if (value instanceof Number number) {
            built.setNumberValue(number.doubleValue());
        } else if (value instanceof Map<?, ?> map) {
            built.setStructValue(struct(map));
        } else if (value instanceof List<?> list) {
            ListValue.Builder values = ListValue.newBuilder();
            list.forEach(inner -> values.addValues(value(inner)));
            built.setListValue(values);
        } else {
            built.setStringValue(String.valueOf(value));
        }
        return built.build();
    }

    private static Object plain(Value value) {
        return switch (value.getKindCase()) {
            case BOOL_VALUE -> value.getBoolValue();
            case NUMBER_VALUE -> value.getNumberValue();
            case STRING_VALUE -> value.getStringValue();
            case STRUCT_VALUE -> map(value.getStructValue());
            case LIST_VALUE -> {
                List<Object> list = new ArrayList<>();
                value.getListValue().getValuesList().forEach(inner -> list.add(plain(inner)));
                yield list;
            }
            default -> null;
        };
    }
}
