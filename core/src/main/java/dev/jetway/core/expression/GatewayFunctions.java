package dev.jetway.core.expression;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.CelByteString;
import dev.cel.runtime.CelFunctionBinding;

/**
 * agentgateway's functions beyond standard CEL: {@code json}, {@code toJson}, {@code cidr(...).containsIP(...)},
 * {@code uuid}, {@code random}, {@code base64Encode}/{@code base64Decode} and {@code regexReplace}.
 */
final class GatewayFunctions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpaqueType CIDR = OpaqueType.create("net.CIDR");

    private GatewayFunctions() {
    }

    static List<CelFunctionDecl> declarations() {
        return List.of(
                function("json", CelOverloadDecl.newGlobalOverload("json_string", SimpleType.DYN, SimpleType.STRING),
                        CelOverloadDecl.newGlobalOverload("json_bytes", SimpleType.DYN, SimpleType.BYTES)),
                function("toJson", CelOverloadDecl.newGlobalOverload("toJson_dyn", SimpleType.STRING, SimpleType.DYN)),
                function("cidr", CelOverloadDecl.newGlobalOverload("cidr_string", CIDR, SimpleType.STRING)),
                function("containsIP", CelOverloadDecl.newMemberOverload("cidr_containsIP_string", SimpleType.BOOL, CIDR,
                        SimpleType.STRING)),
                function("uuid", CelOverloadDecl.newGlobalOverload("uuid", SimpleType.STRING)),
                function("random", CelOverloadDecl.newGlobalOverload("random", SimpleType.DOUBLE)),
                function("base64Encode", CelOverloadDecl.newGlobalOverload("base64Encode_string", SimpleType.STRING, SimpleType.STRING),
                        CelOverloadDecl.newGlobalOverload("base64Encode_bytes", SimpleType.STRING, SimpleType.BYTES)),
                function("base64Decode", CelOverloadDecl.newGlobalOverload("base64Decode_string", SimpleType.STRING, SimpleType.STRING)),
                function("regexReplace", CelOverloadDecl.newGlobalOverload("regexReplace_string_string_string",
                        SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, SimpleType.STRING)));
    }

    static List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from("json_string", String.class, GatewayFunctions::json),
                CelFunctionBinding.from("json_bytes", CelByteString.class, bytes -> json(bytes.toStringUtf8())),
                CelFunctionBinding.from("toJson_dyn", Object.class, GatewayFunctions::toJson),
                CelFunctionBinding.from("cidr_string", String.class, Cidr::parse),
                CelFunctionBinding.from("cidr_containsIP_string", Cidr.class, String.class, Cidr::contains),
                CelFunctionBinding.from("uuid", List.of(), args -> UUID.randomUUID().toString()),
                CelFunctionBinding.from("random", List.of(), args -> ThreadLocalRandom.current().nextDouble()),
                CelFunctionBinding.from("base64Encode_string", String.class,
                        text -> Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))),
                CelFunctionBinding.from("base64Encode_bytes", CelByteString.class,
                        bytes -> Base64.getEncoder().encodeToString(bytes.toByteArray())),
                CelFunctionBinding.from("base64Decode_string", String.class,
                        text -> new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8)),
                CelFunctionBinding.from("regexReplace_string_string_string", List.of(String.class, String.class, String.class),
                        args -> Pattern.compile((String) args[1]).matcher((String) args[0]).replaceAll((String) args[2])));
    }

    private static CelFunctionDecl function(String name, CelOverloadDecl... overloads) {
        return CelFunctionDecl.newFunctionDeclaration(name, overloads);
    }

    private static Object json(String text) {
        try {
            return CelValues.json(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("json(): not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(CelValues.fromCel(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("toJson(): " + e.getOriginalMessage(), e);
        }
    }

    /** An IPv4 or IPv6 network, as {@code cidr("10.0.0.0/8")} writes it. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            byte[] address = address(slash < 0 ? text : text.substring(0, slash));
            int prefix = slash < 0 ? address.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("cidr(): prefix /" + prefix + " out of range in " + text);
            }
            return new Cidr(address, prefix);
        }

        boolean contains(String ip) {
            byte[] candidate = address(ip);
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        /** A literal address only: never a name lookup. */
        private static byte[] address(String text) {
            String literal = text.strip();
            if (literal.startsWith("[") && literal.endsWith("]")) {
                literal = literal.substring(1, literal.length() - 1);
            }
            if (!literal.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("not an IP address: " + text);
            }
            try {
                return InetAddress.getByName(literal).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: " + text, e);
            }
        }
    }
}
