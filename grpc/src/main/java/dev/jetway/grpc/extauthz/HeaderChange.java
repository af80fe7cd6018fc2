package dev.jetway.grpc.extauthz;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import org.eclipse.jetty.http.HttpFields;

/**
 * A header an authorization service asks to change (Envoy's {@code HeaderValueOption}): {@code append} when given
 * decides; else {@code append_action}, whose zero value (append) cannot be told from unset and is read as ext_authz
 * documents an unset {@code append}: overwrite.
 *
 * <pre>{@code
 * HttpFields.Mutable headers = HttpFields.build(request.getHeaders());
 * HeaderChange.applyAll(decision.requestHeaders(), headers);
 * }</pre>
 */
public record HeaderChange(String name, String value, Action action) {

    /** What to do with a header of the same name. */
    public enum Action { APPEND, ADD_IF_ABSENT, OVERWRITE, OVERWRITE_IF_PRESENT }

    public HeaderChange {
        requireNonNull(name, "name");
        requireNonNull(value, "value");
        requireNonNull(action, "action");
    }

    static HeaderChange of(HeaderValueOption option) {
        String value = option.getHeader().getValue().isEmpty()
                ? option.getHeader().getRawValue().toString(StandardCharsets.ISO_8859_1) : option.getHeader().getValue();
        Action action;
        if (option.hasAppend()) {
            action = option.getAppend().getValue() ? Action.APPEND : Action.OVERWRITE;
        } else {
            action = switch (option.getAppendAction()) {
                case ADD_IF_ABSENT -> Action.ADD_IF_ABSENT;
                case OVERWRITE_IF_EXISTS_OR_ADD -> Action.OVERWRITE;
                case OVERWRITE_IF_EXISTS -> Action.OVERWRITE_IF_PRESENT;
                default -> Action.OVERWRITE;
            };
        }
        return new HeaderChange(option.getHeader().getKey(), value, action);
    }

    public void apply(HttpFields.Mutable fields) {
        switch (action) {
            case APPEND -> fields.add(name, value);
            case ADD_IF_ABSENT -> {
                if (!fields.contains(name)) {
                    fields.add(name, value);
                }
            }
            case OVERWRITE -> fields.put(name, value);
            case OVERWRITE_IF_PRESENT -> {
                if (fields.contains(name)) {
                    fields.put(name, value);
                }
            }
        }
    }

    public static void applyAll(List<HeaderChange> changes, HttpFields.Mutable fields) {
        for (HeaderChange change : changes) {
            change.apply(fields);
        }
    }
}
