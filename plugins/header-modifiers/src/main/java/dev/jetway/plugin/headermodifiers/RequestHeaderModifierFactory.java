package dev.jetway.plugin.headermodifiers;

import org.pf4j.Extension;

/**
 * {@code requestHeaderModifier: {add: {x-team: a}, set: {x-env: prod}, remove: [cookie]}}: the backend gets the
 * request with its headers changed.
 */
@Extension
public final class RequestHeaderModifierFactory extends HeaderModifierFactory {

    public RequestHeaderModifierFactory() {
        super("requestHeaderModifier", RequestHeaderModifierHandler::new);
    }
}
