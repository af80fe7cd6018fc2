package dev.jetway.core.server;

import java.util.HexFormat;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import dev.jetway.core.config.ConfigPath;
import dev.jetway.core.config.GlobalSettings.SessionSettings;
import dev.jetway.core.config.Problems;

/** The session-token key: {@code config.session.key}, else {@code SESSION_KEY}; 32 bytes written as hex. */
final class SessionKeys {

    static final String ENVIRONMENT_VARIABLE = "SESSION_KEY";

    private SessionKeys() {
    }

    /** @return {@code null} when neither is set, or when the value is invalid (a problem is recorded) */
    static SecretKey resolve(SessionSettings settings, Map<String, String> environment, Problems problems) {
        String fromConfig = settings == null ? null : settings.key();
        String hex = fromConfig != null ? fromConfig : environment.get(ENVIRONMENT_VARIABLE);
        if (hex == null || hex.isBlank()) {
            if (settings != null) {
                problems.add(ConfigPath.ROOT.key("config").key("session").key("key"), "key is required: 64 hex digits (openssl rand -hex 32)");
            }
            return null;
        }
        String where = fromConfig != null ? "config.session.key" : "the " + ENVIRONMENT_VARIABLE + " environment variable";
        try {
            byte[] bytes = HexFormat.of().parseHex(hex.trim());
            if (bytes.length == 32) {
                return new SecretKeySpec(bytes, "AES");
            }
            problems.add(ConfigPath.ROOT.key("config").key("session").key("key"), where + " must be 32 bytes (64 hex digits) for AES-256-GCM, not "
                    + bytes.length + "; make one with: openssl rand -hex 32");
        } catch (IllegalArgumentException e) {
            problems.add(ConfigPath.ROOT.key("config").key("session").key("key"), where + " is not hex: make one with: openssl rand -hex 32");
        }
        return null;
    }
}
