package dev.jetway.core.expression;

import java.util.List;
import java.util.stream.Collectors;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.jetway.api.ConfigException;
import dev.jetway.api.expression.Expression;
import dev.jetway.api.expression.Expressions;

/**
 * The gateway's CEL environment (Google's cel-java): agentgateway's variables, each dynamically typed as its values
 * come from requests and tokens, the standard functions, macros ({@code has}, {@code exists}, ...) and extensions (strings, math, lists, encoders, bindings,
 * optionals), and agentgateway's own ({@link GatewayFunctions}). Built once; compiling and evaluating are thread-safe.
 */
public final class CelExpressions implements Expressions {

    /** agentgateway's variables (cel/types.rs). Referring to another name is a config error. */
    static final List<String> VARIABLES = List.of("request", "response", "source", "jwt", "apiKey", "basicAuth", "mcp",
            "backend", "llm", "llmRequest", "extauthz", "extproc", "metadata", "env");

    /** Bounds what one expression costs per request, whatever the config says. */
    private static final int MAX_ITERATIONS = 10_000;

    private static final CelExpressions INSTANCE = new CelExpressions();

    private final Cel cel;

    private CelExpressions() {
        CelOptions options = CelOptions.current().comprehensionMaxIterations(MAX_ITERATIONS)
                .enableHeterogeneousNumericComparisons(true).build();
        var builder = CelFactory.standardCelBuilder().setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addCompilerLibraries(CelExtensions.strings(), CelExtensions.math(options), CelExtensions.lists(),
                        CelExtensions.encoders(options), CelExtensions.bindings(), CelExtensions.optional())
                .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.math(options), CelExtensions.lists(),
                        CelExtensions.encoders(options), CelExtensions.optional())
                .addFunctionDeclarations(GatewayFunctions.declarations())
                .addFunctionBindings(GatewayFunctions.bindings());
        for (String variable : VARIABLES) {
            builder.addVar(variable, SimpleType.DYN);
        }
        this.cel = builder.build();
    }

    /** The one environment of the gateway. */
    public static CelExpressions get() {
        return INSTANCE;
    }

    @Override
    public Expression compile(String field, String source) throws ConfigException {
        if (source == null || source.isBlank()) {
            throw new ConfigException(field, "an expression is required, such as request.path == \"/\"");
        }
        try {
            return new CelExpression(source, cel.createProgram(cel.compile(source).getAst()));
        } catch (CelValidationException e) {
            throw new ConfigException(field, "invalid CEL expression " + quote(source) + ": " + e.getErrors().stream()
                    .map(CelIssue::getMessage).collect(Collectors.joining("; ")));
        } catch (CelEvaluationException e) {
            throw new ConfigException(field, "invalid CEL expression " + quote(source) + ": " + e.getMessage());
        }
    }

    private static String quote(String source) {
        String line = source.strip().replace('\n', ' ');
        return "\"" + (line.length() > 80 ? line.substring(0, 80) + "..." : line) + "\"";
    }
}
