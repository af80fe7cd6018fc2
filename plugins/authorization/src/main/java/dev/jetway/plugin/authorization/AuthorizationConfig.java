package dev.jetway.plugin.authorization;

import java.util.List;

/**
 * {@code authorization: {rules: [...]}}: each rule a CEL expression (an allow rule) or one of {@code {allow: <CEL>}},
 * {@code {deny: <CEL>}}, {@code {require: <CEL>}}, bound as written and compiled by
 * {@link dev.jetway.api.expression.RuleSet}.
 */
public record AuthorizationConfig(List<Object> rules) {
}
