package dev.jetway.plugin.extauthz.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * What every protocol of {@code extAuthz} shares.
 *
 * @param service               where the authorization service listens ({@code host})
 * @param includeRequestHeaders {@code includeRequestHeaders} in lower case, pseudo headers ({@code :authority})
 *                              included; empty when unset, where each protocol has its default
 * @param body                  {@code includeRequestBody}, or {@code null} when the body is not sent
 * @param timeout               how long a check may take ({@code policies.http.requestTimeout}, else 200ms)
 */
public record CheckSettings(ServiceAddress service, List<String> includeRequestHeaders, BodyOptions body,
                            Duration timeout) {
    public CheckSettings {
        requireNonNull(service, "service");
        includeRequestHeaders = List.copyOf(includeRequestHeaders);
        requireNonNull(timeout, "timeout");
    }
}
