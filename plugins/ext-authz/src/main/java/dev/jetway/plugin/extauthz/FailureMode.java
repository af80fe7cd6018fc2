package dev.jetway.plugin.extauthz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jetway.api.ConfigException;
import org.eclipse.jetty.http.HttpStatus;

/**
 * What happens when the authorization service cannot decide (down, timed out, an unreadable answer):
 * {@code allow} lets the request through, {@code deny} (the default) answers 403, {@code {denyWithStatus: N}}
 * answers N.
 *
 * @param allow  whether the request goes on
 * @param status the status of the refusal otherwise
 */
record FailureMode(boolean allow, int status) {

    static final FailureMode DENY = new FailureMode(false, HttpStatus.FORBIDDEN_403);

    private static final String ALLOWED = "expected allow, deny (the default) or {denyWithStatus: <status>}";

    static FailureMode parse(JsonNode written) throws ConfigException {
        if (written == null || written.isNull()) {
            return DENY;
        }
        if (written.isTextual()) {
            return switch (written.asText()) {
                case "allow" -> new FailureMode(true, 0);
                case "deny" -> DENY;
                default -> throw new ConfigException("failureMode", "invalid value \"" + written.asText() + "\"; " + ALLOWED);
            };
        }
        JsonNode status = written.get("denyWithStatus");
        if (!written.isObject() || written.size() != 1 || status == null) {
            throw new ConfigException("failureMode", ALLOWED);
        }
        if (!status.isIntegralNumber() || status.asInt() < 200 || status.asInt() > 599) {
            throw new ConfigException("failureMode.denyWithStatus", "expected an HTTP status from 200 to 599, such as 503");
        }
        return new FailureMode(false, status.asInt());
    }
}
