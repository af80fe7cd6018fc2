package dev.jetway.core.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * jetway's arguments, agentgateway's spelling where it has one: {@code -f/--file}, {@code -c/--config},
 * {@code --validate-only}, {@code -V/--version}; plus {@code --plugins <dir>} and {@code --bind-address <ip>}.
 */
record CommandLine(Path file, String inlineConfig, boolean validateOnly, boolean version, boolean help,
                   List<Path> pluginDirs, String bindAddress) {

    static final String USAGE = """
            Usage: jetway [-f <config.yaml> | -c <inline yaml>] [--validate-only] [--plugins <dir>]... [--bind-address <ip>]
              -f, --file <path>        config file, YAML or JSON (default: conf/config.yaml of the installation)
              -c, --config <yaml>      the config itself, inline
                  --validate-only      check the config and exit: 0 when valid, 1 with its problems
                  --plugins <dir>      a folder of plugin jars and zips (default: plugins/ of the installation)
                  --bind-address <ip>  listen on this address only (default: every interface)
              -V, --version            print the version and exit
              -h, --help               print this help and exit
            """;

    /** @throws IllegalArgumentException with a message for the user */
    static CommandLine parse(String[] args, Path home) {
        Path file = null;
        String inline = null;
        boolean validateOnly = false;
        boolean version = false;
        boolean help = false;
        List<Path> plugins = new ArrayList<>();
        String bindAddress = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-f", "--file" -> file = Path.of(value(args, ++i, arg));
                case "-c", "--config" -> inline = value(args, ++i, arg);
                case "--validate-only" -> validateOnly = true;
                case "-V", "--version" -> version = true;
                case "-h", "--help" -> help = true;
                case "--plugins" -> plugins.add(Path.of(value(args, ++i, arg)));
                case "--bind-address" -> bindAddress = value(args, ++i, arg);
                default -> {
                    if (arg.startsWith("--file=")) {
                        file = Path.of(arg.substring("--file=".length()));
                    } else if (arg.startsWith("--config=")) {
                        inline = arg.substring("--config=".length());
                    } else {
                        throw new IllegalArgumentException("unknown argument \"" + arg + "\"");
                    }
                }
            }
        }
        if (file != null && inline != null) {
            throw new IllegalArgumentException("give either -f <file> or -c <yaml>, not both");
        }
        if (file == null && inline == null) {
            file = home == null ? Path.of("conf", "config.yaml") : home.resolve("conf").resolve("config.yaml");
        }
        if (plugins.isEmpty() && home != null) {
            plugins.add(home.resolve("plugins"));
        }
        return new CommandLine(file, inline, validateOnly, version, help, List.copyOf(plugins), bindAddress);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
