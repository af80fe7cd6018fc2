package dev.jetway.core.routing;

import java.util.regex.Pattern;

/** A header or query parameter condition: the named value equals a string, or wholly matches a regex. */
public record ValueMatcher(String name, String exact, Pattern regex) {

    public boolean matches(String value) {
        if (value == null) {
            return false;
        }
        return exact != null ? exact.equals(value) : regex.matcher(value).matches();
    }
}
