package dev.jetway.core.upstream;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.jetway.api.upstream.UpstreamTls;
import org.eclipse.jetty.client.EarlyHintsProtocolHandler;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.ProcessingProtocolHandler;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Scanner;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP clients to upstreams: one per distinct upstream TLS settings, pooling connections per
 * destination, running on the server's threads, buffers and scheduler. Certificate files behind the settings are
 * watched; a change reloads the TLS factory, so new connections use the new material and open ones finish.
 */
public final class UpstreamClients extends ContainerLifeCycle {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamClients.class);
    private static final long CONNECT_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(10);
    private static final long IDLE_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(90);
    private static final int UPSTREAM_HEADER_BYTES = 16 * 1024;
    private static final int MAX_CONNECTIONS_PER_UPSTREAM = 1024;

    /** A client and the TLS factory it connects with, for reloads. */
    private record Entry(HttpClient client, SslContextFactory.Client ssl, UpstreamTls tls) {
    }

    private final Server server;
    private final UpstreamTls defaults;
    private final Map<UpstreamTls, Entry> clients = new HashMap<>();
    private Entry plain;
    private final Scanner scanner = new Scanner();
    private final Map<Path, List<Entry>> watched = new HashMap<>();

    /**
     * @param defaults what {@code https://} upstreams get when no policy applies; {@code null} for Jetty's
     *                 defaults (the JVM's trust store, hostname verification)
     */
    public UpstreamClients(Server server, UpstreamTls defaults) {
        this.server = server;
        this.defaults = defaults;
        scanner.setScanInterval(1);
        scanner.setReportExistingFilesOnStartup(false);
        scanner.addListener(new Scanner.BulkListener() {
            @Override
            public void pathsChanged(Map<Path, Scanner.Notification> changed) {
                reload(changed.keySet());
            }
        });
        addBean(scanner, true);
    }

    /**
     * The client for {@code tls}, or for the defaults when {@code null}; created on first use, so that a gateway
     * without upstreams never reads trust stores.
     */
    public synchronized HttpClient client(UpstreamTls tls) throws Exception {
        if (tls == null || tls.equals(defaults)) {
            if (plain == null) {
                plain = create(defaults);
            }
            return plain.client();
        }
        Entry entry = clients.get(tls);
        if (entry == null) {
            entry = create(tls);
            clients.put(tls, entry);
        }
        return entry.client();
    }

    private Entry create(UpstreamTls tls) throws Exception {
        SslContextFactory.Client ssl = new SslContextFactory.Client();
        if (tls != null) {
            tls.configure(ssl);
        }
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(ssl);
        List<ClientConnectionFactory.Info> protocols = new ArrayList<>();
        List<String> alpn = tls == null || tls.alpn().isEmpty() ? List.of("http/1.1", "h2") : tls.alpn();
        for (String protocol : alpn) {
            protocols.add(protocol.equals("h2") ? new ClientConnectionFactoryOverHTTP2.HTTP2(new HTTP2Client(connector))
                    : HttpClientConnectionFactory.HTTP11);
        }
        HttpClient client = new HttpClient(new HttpClientTransportDynamic(connector,
                protocols.toArray(new ClientConnectionFactory.Info[0])));
        client.setExecutor(server.getThreadPool());
        client.setByteBufferPool(server.getByteBufferPool());
        client.setScheduler(server.getScheduler());
        client.setFollowRedirects(false);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(null);
        client.setConnectTimeout(CONNECT_TIMEOUT_MS);
        client.setIdleTimeout(IDLE_TIMEOUT_MS);
        // A gateway holds long exchanges (event streams, long polls) by the hundred: Jetty's default of 64 connections
        // per upstream would queue the 65th. Envoy's default limit, and connections are only opened as needed.
        client.setMaxConnectionsPerDestination(MAX_CONNECTIONS_PER_UPSTREAM);
        // Headers the listeners accept (8 KiB), plus the forwarding headers the gateway adds, must fit: else a request
        // just under the listener's limit fails upstream with a 502 instead of reaching it.
        client.setRequestBufferSize(UPSTREAM_HEADER_BYTES);
        client.setMaxRequestHeadersSize(UPSTREAM_HEADER_BYTES);
        // A gateway forwards what it receives: no decompression (nor the Accept-Encoding that asks for it), no redirects
        // or authentication on its own (Jetty's handler fails a 401 without WWW-Authenticate). HttpClient.doStart()
        // installs its defaults, so they are replaced once it started.
        client.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarted(LifeCycle event) {
                client.getContentDecoderFactories().clear();
                client.getProtocolHandlers().clear();
                client.getProtocolHandlers().put(new ProcessingProtocolHandler());
                client.getProtocolHandlers().put(new EarlyHintsProtocolHandler());
            }
        });
        addBean(client, true);
        Entry entry = new Entry(client, ssl, tls);
        if (tls != null) {
            for (Path file : tls.files()) {
                Path absolute = file.toAbsolutePath().normalize();
                watched.computeIfAbsent(absolute, f -> new ArrayList<>()).add(entry);
                scanner.addFile(absolute);
            }
            LOG.debug("Upstream client for {}", tls.describe());
        }
        return entry;
    }

    private void reload(Set<Path> changed) {
        Set<Entry> affected = new java.util.LinkedHashSet<>();
        for (Path file : changed) {
            affected.addAll(watched.getOrDefault(file.toAbsolutePath().normalize(), List.of()));
        }
        for (Entry entry : affected) {
            try {
                entry.ssl().reload(factory -> {
                    try {
                        entry.tls().configure((SslContextFactory.Client) factory);
                    } catch (Exception e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                });
                LOG.info("Reloaded upstream TLS material: {}", entry.tls().describe());
            } catch (Exception e) {
                LOG.warn("Cannot reload upstream TLS material ({}); new connections keep the previous material: {}",
                        entry.tls().describe(), Objects.toString(e.getMessage(), e.toString()));
            }
        }
    }
}
