package dev.jetway.core.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import dev.jetway.core.config.ConfigDocument;
import dev.jetway.core.config.ConfigReader;
import dev.jetway.core.config.InvalidConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies changes of the config file, and of every file it names, to the running gateway: a change is validated and
 * applied within about a second; a config that fails validation is logged with its problems and counted, and the
 * running config keeps serving. {@link #reload} also serves SIGHUP.
 */
public final class ConfigReloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

    private final Gateway gateway;
    private final Path configFile;
    private final ConfigReader reader;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "jetway-reload");
        thread.setDaemon(true);
        return thread;
    });
    private final FileWatcher watcher;
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    public ConfigReloader(Gateway gateway, Path configFile, ConfigReader reader) throws IOException {
        this.gateway = gateway;
        this.configFile = configFile.toAbsolutePath().normalize();
        this.reader = reader;
        this.watcher = new FileWatcher(scheduler, () -> reload("a watched file changed"));
        watch(gateway.plan().filesRead());
    }

    /** Reloads now, on the reload thread. */
    public void reloadSoon(String why) {
        scheduler.execute(() -> reload(why));
    }

    synchronized void reload(String why) {
        long started = System.nanoTime();
        try {
            ConfigDocument document = reader.readFile(configFile);
            GatewayPlan plan = gateway.plan(document);
            gateway.apply(plan);
            reloads.incrementAndGet();
            gateway.metrics().reloaded();
            watch(plan.filesRead());
            LOG.info("Config reloaded ({}) in {} ms", why, (System.nanoTime() - started) / 1_000_000);
        } catch (InvalidConfigException e) {
            failures.incrementAndGet();
            gateway.metrics().reloadFailed();
            LOG.error("Config change refused ({}); the running config keeps serving. {} problem(s):\n  {}", why,
                    e.problems().size(), e.getMessage().replace("\n", "\n  "));
        } catch (Exception e) {
            failures.incrementAndGet();
            gateway.metrics().reloadFailed();
            LOG.error("Config change could not be applied ({}); the running config keeps serving", why, e);
        }
    }

    /** The running config's files; a refused config leaves them as they are, and fixing the config file retries. */
    private void watch(Set<Path> files) {
        Set<Path> all = new HashSet<>(files);
        all.add(configFile);
        watcher.watch(all);
    }

    /** Configs applied since start. */
    public long reloads() {
        return reloads.get();
    }

    /** Config changes refused or failed since start. */
    public long failures() {
        return failures.get();
    }

    @Override
    public void close() throws IOException {
        watcher.close();
        scheduler.shutdownNow();
    }
}
