package dev.jetway.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code config:} block. {@code tlsProvider} and {@code certificateRefsDir} are jetway's own; the other fields are
 * agentgateway's, bound so that those jetway does not support yet can be refused by name.
 */
public record GlobalSettings(
        TlsProvider tlsProvider,
        String certificateRefsDir,
        JsonNode enableIpv6, JsonNode dns, JsonNode localXdsPath, JsonNode caAddress, JsonNode caAuthToken,
        JsonNode xdsAddress, JsonNode xdsAuthToken, JsonNode namespace, JsonNode gateway, JsonNode trustDomain,
        JsonNode serviceAccount, JsonNode clusterId, JsonNode network, String adminAddr, String statsAddr,
        String readinessAddr, SessionSettings session, Duration connectionTerminationDeadline,
        JsonNode connectionMinTerminationDeadline, JsonNode workerThreads, TracingSettings tracing, LoggingSettings logging,
        JsonNode metrics, JsonNode backend, JsonNode hbone) {

    public static final GlobalSettings DEFAULT = new GlobalSettings(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** The TLS implementation for HTTPS listeners. */
    public enum TlsProvider {
        @JsonProperty("jdk") JDK,
        @JsonProperty("conscrypt") CONSCRYPT
    }

    /**
     * {@code config.logging}: agentgateway's {@code format}, {@code level}, {@code filter} (a CEL condition for writing
     * an access log line) and {@code fields}; jetway's {@code accessLog} ({@code stdout}, the default, {@code off}, or a
     * file rotated daily) and {@code retainDays}.
     */
    public record LoggingSettings(LogFormat format, JsonNode level, String filter, LogFields fields, String accessLog,
                                  Integer retainDays) {
    }

    /** agentgateway's {@code fields} of logs and traces: fields to add (name to CEL) and default fields to remove. */
    public record LogFields(Map<String, String> add, List<String> remove) {
        public LogFields {
            add = FrontendPolicies.ordered(add);
            remove = remove == null ? List.of() : List.copyOf(remove);
        }
    }

    /**
     * {@code config.tracing}: agentgateway's gateway-wide OTLP trace export. The sampling values are {@code true},
     * {@code false}, a probability or a CEL expression giving one of those.
     */
    public record TracingSettings(String otlpEndpoint, Map<String, String> headers, OtlpProtocol otlpProtocol,
                                  LogFields fields, JsonNode randomSampling, JsonNode clientSampling, String path) {
        public TracingSettings {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }
    }

    /** How spans are sent to the collector. */
    public enum OtlpProtocol {
        @JsonProperty("grpc") GRPC,
        @JsonProperty("http") HTTP
    }

    /** Access log line format: {@code text} is logfmt. */
    public enum LogFormat {
        @JsonProperty("text") TEXT,
        @JsonProperty("json") JSON
    }

    /** {@code config.session}: the key that encrypts session tokens, 64 hex digits ({@code openssl rand -hex 32}). */
    public record SessionSettings(String key) {
    }

    public GlobalSettings {
        tlsProvider = tlsProvider == null ? TlsProvider.JDK : tlsProvider;
        logging = logging == null ? new LoggingSettings(null, null, null, null, null, null) : logging;
    }
}
