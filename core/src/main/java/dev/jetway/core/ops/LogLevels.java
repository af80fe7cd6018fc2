package dev.jetway.core.ops;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

import org.eclipse.jetty.logging.JettyLevel;
import org.eclipse.jetty.logging.JettyLoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Log levels at runtime, through Jetty's SLF4J binding: {@code config.logging.level} and the admin's
 * {@code /logging}. A spec is agentgateway's: {@code debug} (jetway's own loggers) or {@code dev.jetway=debug,
 * org.eclipse.jetty=warn}.
 */
public final class LogLevels {

    static final String JETWAY = "dev.jetway";

    private LogLevels() {
    }

    /** Parses a spec into logger → level; @throws IllegalArgumentException naming the bad part */
    public static Map<String, String> parse(String spec) {
        Map<String, String> levels = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String entry = part.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String logger = equals < 0 ? JETWAY : entry.substring(0, equals).trim();
            String level = (equals < 0 ? entry : entry.substring(equals + 1)).trim().toUpperCase(Locale.ROOT);
            if (level.equals("WARNING")) {
                level = "WARN";
            }
            if (!level.matches("TRACE|DEBUG|INFO|WARN|ERROR|OFF")) {
                throw new IllegalArgumentException("unknown log level \"" + level.toLowerCase(Locale.ROOT)
                        + "\" in \"" + entry + "\"; levels: trace, debug, info, warn, error, off");
            }
            levels.put(logger, level);
        }
        return levels;
    }

    /** Sets the levels of {@code spec}; @throws IllegalArgumentException when it does not parse */
    public static Map<String, String> apply(String spec) {
        Map<String, String> levels = parse(spec);
        JettyLoggerFactory factory = factory();
        levels.forEach((logger, level) -> factory.getJettyLogger(logger).setLevel(JettyLevel.valueOf(level)));
        return levels;
    }

    /**
     * Applies a {@code jetty-logging.properties} file ({@code <logger>.LEVEL=<level>} lines), as the installation's
     * {@code conf/} holds it: the class path cannot carry a folder when the AppCDS archive is in use.
     */
    public static void applyFile(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        StringBuilder spec = new StringBuilder();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (key.endsWith(".LEVEL")) {
                spec.append(spec.length() == 0 ? "" : ",").append(key, 0, key.length() - ".LEVEL".length())
                        .append('=').append(properties.getProperty(key).trim());
            }
        }
        if (spec.length() > 0) {
            apply(spec.toString());
        }
    }

    public static String level(String logger) {
        return factory().getJettyLogger(logger).getLevel().name();
    }

    private static JettyLoggerFactory factory() {
        if (LoggerFactory.getILoggerFactory() instanceof JettyLoggerFactory factory) {
            return factory;
        }
        throw new IllegalStateException("log levels can only be changed with Jetty's SLF4J binding (jetty-slf4j-impl)");
    }
}
