package dev.jetway.core.server;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import dev.jetway.core.config.ConfigPath;
import dev.jetway.core.config.GlobalSettings.SessionSettings;
import dev.jetway.core.config.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session-token key: {@code config.session.key}, else {@code SESSION_KEY}; 32 bytes written as hex. Without
 * either, a key made at start, the same for every config this process loads: session ids are always encrypted (they
 * carry upstream session ids), but then no other replica, and no restarted gateway, can read them.
 */
final class SessionKeys {

    static final String ENVIRONMENT_VARIABLE = "SESSION_KEY";

    private static final Logger LOG = LoggerFactory.getLogger(SessionKeys.class);

    private SessionKeys() {
    }

    /** One per process, made on first use. */
    private static final class ProcessKey {
        static final SecretKey KEY;

        static {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            KEY = new SecretKeySpec(bytes, "AES");
            LOG.info("No session key is configured (config.session.key or {}): session ids are encrypted with a key made"
                    + " at start, so sessions do not survive a restart and cannot move to another replica", ENVIRONMENT_VARIABLE);
        }
    }

    /** The key of this process, for when none is configured. */
    static SecretKey processKey() {
        return ProcessKey.KEY;
    }

    /** @return {@code null} when the value is invalid (a problem is recorded) */
    static SecretKey resolve(SessionSettings settings, Map<String, String> environment, Problems problems) {
        String fromConfig = settings == null ? null : settings.key();
        String hex = fromConfig != null ? fromConfig : environment.get(ENVIRONMENT_VARIABLE);
        if (hex == null || hex.isBlank()) {
            if (settings != null) {
                problems.add(ConfigPath.ROOT.key("config").key("session").key("key"), "key is required: 64 hex digits (openssl rand -hex 32)");
                return null;
            }
            return processKey();
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
