package dev.jetway.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Log lines that show config values show the references a secret came from, not the secret. */
class SecretRedactionTest {

    @Test
    void expandedValuesBecomeTheirReferencesAgain() {
        Map<String, String> variables = Map.of("TOKEN", "s3cr3t-token", "USER", "ci", "HOST", "tools.internal");
        assertEquals("MCP backend: remote (mcp https://${HOST}/mcp?key=${TOKEN}), stdio npx --api-key ${TOKEN} --user ci",
                SecretRedaction.redact("MCP backend: remote (mcp https://tools.internal/mcp?key=s3cr3t-token), stdio npx"
                        + " --api-key s3cr3t-token --user ci", variables));
    }
}
