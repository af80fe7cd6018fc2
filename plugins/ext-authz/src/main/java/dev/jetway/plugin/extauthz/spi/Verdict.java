package dev.jetway.plugin.extauthz.spi;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;

/** What the authorization service decided about a request. */
public sealed interface Verdict {

    /**
     * The request goes on.
     *
     * @param requestHeaders headers to set on the request to the backend, replacing any of the same name
     * @param metadata       the {@code extauthz} variable for later policies and the access log; {@code null} for none
     */
    record Allow(HttpFields requestHeaders, Map<String, Object> metadata) implements Verdict {
        public Allow {
            requireNonNull(requestHeaders, "requestHeaders");
        }
    }

    /** The client gets this answer instead of the backend's. */
    record Deny(int status, HttpFields headers, byte[] body) implements Verdict {
        public Deny {
            requireNonNull(headers, "headers");
            requireNonNull(body, "body");
        }

        /** A short plain-text answer, as the gateway writes its own errors. */
        public static Deny plainText(int status, String text) {
            return new Deny(status, HttpFields.build().put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.TEXT_PLAIN_UTF_8.asString()),
                    text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
