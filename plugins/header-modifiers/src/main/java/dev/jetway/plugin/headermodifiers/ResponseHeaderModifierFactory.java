package dev.jetway.plugin.headermodifiers;

import org.pf4j.Extension;

/**
 * {@code responseHeaderModifier: {set: {cache-control: no-store}, remove: [server]}}: the client gets the response
 * with its headers changed, as it is sent, whether the backend streams it or a later policy wrote it.
 */
@Extension
public final class ResponseHeaderModifierFactory extends HeaderModifierFactory {

    public ResponseHeaderModifierFactory() {
        super("responseHeaderModifier", ResponseHeaderModifierHandler::new);
    }
}
