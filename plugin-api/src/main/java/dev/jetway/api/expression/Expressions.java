package dev.jetway.api.expression;

import dev.jetway.api.ConfigException;

/**
 * The gateway's CEL compiler ({@link dev.jetway.api.FactoryContext#expressions()}), with agentgateway's variables
 * and its extra functions ({@code json}, {@code cidr(...).containsIP(...)}, {@code default}, strings extensions, ...).
 *
 * <pre>{@code
 * Expression rule = context.expressions().compile("rules[0]", "jwt.sub == 'alice'");
 * boolean allowed = rule.test(request, Map.of());
 * }</pre>
 */
public interface Expressions {

    /**
     * @param field where the expression is written, relative to the plugin's value, for the error message
     * @throws ConfigException naming {@code field}, with CEL's message, when the expression does not compile or
     *                         refers to a variable the gateway does not define
     */
    Expression compile(String field, String source) throws ConfigException;
}
