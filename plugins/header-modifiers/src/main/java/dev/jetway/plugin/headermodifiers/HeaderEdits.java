package dev.jetway.plugin.headermodifiers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.jetway.api.ConfigException;
import dev.jetway.api.ConfigProblem;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * Static header edits, applied as agentgateway does: every {@code add} appended, then every {@code set} replacing all
 * values of its name, then every {@code remove}. Names are matched without regard to case.
 */
final class HeaderEdits {

    /** RFC 9110 token characters; pseudo-headers such as {@code :authority} are not headers here. */
    private static final Pattern NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    /** Visible ASCII, space and tab, as agentgateway accepts in a header value. */
    private static final Pattern VALUE = Pattern.compile("[\\t\\x20-\\x7e]*");

    private final List<HttpField> add;
    private final List<HttpField> set;
    private final List<String> remove;

    private HeaderEdits(List<HttpField> add, List<HttpField> set, List<String> remove) {
        this.add = add;
        this.set = set;
        this.remove = remove;
    }

    /** @throws ConfigException naming every invalid header name or value */
    static HeaderEdits of(HeaderModifierConfig config) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        List<HttpField> add = fields(config.add(), "add", problems);
        List<HttpField> set = fields(config.set(), "set", problems);
        for (int i = 0; i < config.remove().size(); i++) {
            checkName(config.remove().get(i), "remove[" + i + "]", problems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new HeaderEdits(add, set, List.copyOf(config.remove()));
    }

    private static List<HttpField> fields(Map<String, String> values, String field, List<ConfigProblem> problems) {
        List<HttpField> fields = new ArrayList<>();
        values.forEach((name, value) -> {
            boolean valid = checkName(name, field + "." + name, problems);
            if (value == null || !VALUE.matcher(value).matches()) {
                problems.add(new ConfigProblem(field + "." + name, "invalid value for header " + name
                        + ": expected printable ASCII text on one line"));
            } else if (valid) {
                fields.add(new HttpField(name, value));
            }
        });
        return List.copyOf(fields);
    }

    private static boolean checkName(String name, String field, List<ConfigProblem> problems) {
        if (name != null && NAME.matcher(name).matches()) {
            return true;
        }
        problems.add(new ConfigProblem(field, "invalid header name \"" + name + "\": letters, digits and !#$%&'*+-.^_`|~ only"));
        return false;
    }

    void apply(HttpFields.Mutable headers) {
        add.forEach(headers::add);
        set.forEach(headers::put);
        remove.forEach(headers::remove);
    }
}
