package dev.jetway.core.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Collectors;

import dev.jetway.core.config.ConfigDocument;
import dev.jetway.core.config.ConfigReader;
import dev.jetway.core.config.EnvExpander;
import dev.jetway.core.config.InvalidConfigException;
import dev.jetway.core.plugin.PluginRegistry;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code bin/jetway}: reads the config, loads the plugins, validates everything, then serves until stopped. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs jetway; returns the exit status, blocking while the gateway serves. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String home = System.getProperty("jetway.home");
        CommandLine cli;
        try {
            cli = CommandLine.parse(args, home == null ? null : Path.of(home));
        } catch (IllegalArgumentException e) {
            err.println("jetway: " + e.getMessage());
            err.print(CommandLine.USAGE);
            return 2;
        }
        if (cli.help()) {
            out.print(CommandLine.USAGE);
            return 0;
        }
        if (cli.version()) {
            out.println("jetway " + version());
            return 0;
        }

        PluginRegistry registry;
        try {
            registry = PluginRegistry.load(cli.pluginDirs());
        } catch (RuntimeException e) {
            err.println("jetway: cannot load plugins: " + e.getMessage());
            return 1;
        }
        Gateway gateway;
        try {
            ConfigReader reader = new ConfigReader(EnvExpander.system());
            ConfigDocument document = cli.file() != null ? reader.readFile(cli.file()) : reader.readInline(cli.inlineConfig());
            GatewayOptions options = GatewayOptions.defaults().withBindAddress(cli.bindAddress());
            gateway = new GatewayAssembler(registry, options).assemble(document);
            if (cli.validateOnly()) {
                out.println(document.source() + ": config is valid");
                registry.close();
                return 0;
            }
        } catch (InvalidConfigException e) {
            err.println("jetway: invalid config (" + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems") + "):");
            e.problems().forEach(p -> err.println("  " + p));
            registry.close();
            return 1;
        }

        try {
            gateway.start();
        } catch (Exception e) {
            err.println("jetway: cannot start: " + describe(e));
            registry.close();
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(gateway, registry), "jetway-shutdown"));
        LOG.info("jetway {} serving on {}", version(), gateway.connectors().stream()
                .map(Main::describe).collect(Collectors.joining(", ")));
        try {
            gateway.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void stop(Gateway gateway, PluginRegistry registry) {
        try {
            gateway.stop();
        } catch (Exception e) {
            LOG.warn("Error while stopping", e);
        }
        registry.close();
    }

    private static String describe(ServerConnector connector) {
        String host = connector.getHost() == null ? "*" : connector.getHost();
        return host + ":" + connector.getLocalPort() + " (" + String.join(", ", connector.getProtocols()) + ")";
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof java.net.BindException) {
            return "a port is already in use or cannot be bound (" + cause.getMessage() + ")";
        }
        return cause.toString();
    }

    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
