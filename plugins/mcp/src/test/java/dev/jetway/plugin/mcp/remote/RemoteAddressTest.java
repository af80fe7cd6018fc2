package dev.jetway.plugin.mcp.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jetway.api.ConfigException;
import org.junit.jupiter.api.Test;

class RemoteAddressTest {

    @Test
    void theDocumentedFormsBecomeUrls() throws Exception {
        assertEquals("https://h/mcp", RemoteAddress.of(new RemoteConfig("https://h/mcp", null, null), "/mcp", false).toString().replace(":443", ""));
        assertEquals("http://127.0.0.1:3001/mcp", RemoteAddress.of(new RemoteConfig("127.0.0.1", 3001, null), "/mcp", false).toString());
        assertEquals("https://api.example.com:443/mcp", RemoteAddress.of(new RemoteConfig("api.example.com", 443, null), "/mcp", true).toString());
        assertEquals("http://h:80/sse", RemoteAddress.of(new RemoteConfig("h", null, null), "/sse", false).toString());
        assertEquals("http://h:8080/custom", RemoteAddress.of(new RemoteConfig("http://h:8080", null, "/custom"), "/mcp", false).toString());
        assertEquals("http://[::1]:9/mcp", RemoteAddress.of(new RemoteConfig("http://[::1]:9/mcp", null, null), "/mcp", false).toString());
    }

    @Test
    void contradictionsAreRefused() {
        ConfigException port = assertThrows(ConfigException.class, () -> RemoteAddress.of(new RemoteConfig("http://h:1/mcp", 2, null), "/mcp", false));
        assertEquals("port", port.problems().get(0).field());
        ConfigException path = assertThrows(ConfigException.class, () -> RemoteAddress.of(new RemoteConfig("http://h/a", null, "/b"), "/mcp", false));
        assertEquals("path", path.problems().get(0).field());
    }
}
