package dev.jetway.core.config;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code $VAR} and {@code ${VAR}} in config strings from the environment. A {@code $} not followed by a
 * name (as at the end of a regex) stays as written, and {@code $$} is a literal {@code $}; a {@code ${} without a
 * name and its closing brace is an error, as a truncated reference would otherwise pass as text.
 */
public final class EnvExpander {

    private static final Pattern REFERENCE = Pattern.compile(
            "\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)|(\\$\\{)");

    private final Function<String, String> environment;

    public EnvExpander(Function<String, String> environment) {
        this.environment = environment;
    }

    public static EnvExpander system() {
        return new EnvExpander(System::getenv);
    }

    public static EnvExpander of(Map<String, String> environment) {
        return new EnvExpander(environment::get);
    }

    /** @throws ReferenceException naming the first variable that is not set, or a malformed reference */
    public String expand(String value) {
        return expand(value, (name, text) -> { });
    }

    /**
     * @param used told each variable the value refers to, with its value
     * @throws ReferenceException naming the first variable that is not set, or a malformed reference
     */
    public String expand(String value, BiConsumer<String, String> used) {
        if (value.indexOf('$') < 0) {
            return value;
        }
        Matcher m = REFERENCE.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            if (m.group(3) != null) {
                throw new ReferenceException("\"${\" must be followed by a variable name and \"}\", as in ${HOME}"
                        + " (write $$ for a literal $)");
            }
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String replacement;
            if (name == null) {
                replacement = "$";
            } else {
                replacement = environment.apply(name);
                if (replacement == null) {
                    throw new ReferenceException("environment variable " + name + " is not set (write $$ for a literal $)");
                }
                used.accept(name, replacement);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** A {@code $VAR} whose variable is not set, or a {@code ${} that is not a reference. */
    public static final class ReferenceException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReferenceException(String message) {
            super(message);
        }
    }
}
