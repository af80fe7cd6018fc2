package dev.jetway.core.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Properties;

import dev.jetway.api.ConfigException;
import dev.jetway.core.config.ConfigDocument;
import dev.jetway.core.config.ConfigReader;
import dev.jetway.core.config.EnvExpander;
import dev.jetway.core.config.InvalidConfigException;
import dev.jetway.core.ops.LogLevels;
import dev.jetway.core.ops.PortUnavailableException;
import dev.jetway.core.plugin.PluginRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/jetway}: reads the config, loads the plugins, validates everything, then serves until stopped,
 * applying config changes as they are saved. SIGHUP reloads now; SIGTERM and SIGINT stop gracefully and exit 0.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.exit(status);
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

        if (home != null) {
            Path levels = Path.of(home, "conf", "jetty-logging.properties");
            try {
                if (java.nio.file.Files.isRegularFile(levels)) {
                    LogLevels.applyFile(levels);
                }
            } catch (IOException | IllegalArgumentException e) {
                err.println("jetway: cannot apply " + levels + ": " + e.getMessage());
                return 1;
            }
        }
        PluginRegistry registry;
        try {
            registry = PluginRegistry.load(cli.pluginDirs());
        } catch (RuntimeException e) {
            err.println("jetway: cannot load plugins: " + e.getMessage());
            return 1;
        }
        try (registry) {
            return serve(cli, registry, out, err);
        }
    }

    private static int serve(CommandLine cli, PluginRegistry registry, PrintStream out, PrintStream err) {
        ConfigReader reader = new ConfigReader(EnvExpander.system());
        Gateway gateway;
        GatewayPlan plan;
        try {
            gateway = Gateway.create(registry, GatewayOptions.defaults().withBindAddress(cli.bindAddress()));
            ConfigDocument document = cli.file() != null ? reader.readFile(cli.file()) : reader.readInline(cli.inlineConfig());
            plan = gateway.plan(document);
            if (cli.validateOnly()) {
                out.println(document.source() + ": config is valid");
                return 0;
            }
        } catch (InvalidConfigException e) {
            err.println("jetway: invalid config (" + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems") + "):");
            e.problems().forEach(p -> err.println("  " + p));
            return 1;
        } catch (ConfigException e) {
            err.println("jetway: " + e.getMessage());
            return 1;
        }

        try {
            gateway.start(plan);
        } catch (Exception e) {
            err.println("jetway: cannot start: " + describe(e));
            return 1;
        }
        LOG.info("jetway {} started", version());
        try (ConfigReloader reloader = cli.file() == null ? null : new ConfigReloader(gateway, cli.file(), reader)) {
            Signals.onHangup(() -> {
                if (reloader != null) {
                    reloader.reloadSoon("SIGHUP");
                }
            });
            Signals.onTerminate(() -> stop(gateway));
            gateway.join();
        } catch (IOException e) {
            err.println("jetway: cannot watch the config file: " + e.getMessage());
            stop(gateway);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void stop(Gateway gateway) {
        try {
            LOG.info("Stopping: draining requests in flight");
            gateway.stop();
        } catch (Exception e) {
            LOG.warn("Error while stopping", e);
        }
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof PortUnavailableException)) {
            cause = cause.getCause();
        }
        if (cause instanceof PortUnavailableException) {
            return cause.getMessage();
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
