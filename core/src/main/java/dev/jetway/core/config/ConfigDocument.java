package dev.jetway.core.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parsed config: its tree, and where each key and value was written, so that every problem can name its line.
 *
 * @param source the file name shown in messages ({@code <inline>} for {@code -c})
 * @param baseDir the folder of the config file, for relative paths; {@code null} for inline configs
 * @param written the values that referred to environment variables, as written ({@code Bearer ${TOKEN}}), so that
 *                what is shown of the config shows the reference, not the secret
 * @param variables the environment variables the config refers to, with their values
 */
public record ConfigDocument(String source, Path baseDir, JsonNode root, Map<ConfigPath, NodeLocation> locations,
                             Map<ConfigPath, String> written, Map<String, String> variables) {

    /** Where a value and, for object members, its key start. */
    public record NodeLocation(Location key, Location value) {
    }

    public ConfigDocument {
        requireNonNull(source, "source");
        requireNonNull(root, "root");
        locations = Map.copyOf(locations);
        written = Map.copyOf(written);
        variables = Map.copyOf(variables);
    }

    /**
     * The location of the field at {@code path}: its key when {@code preferKey}, else its value; when the path was
     * never written (a missing field), the nearest written ancestor.
     */
    public Location locate(ConfigPath path, boolean preferKey) {
        for (ConfigPath p = path; ; p = p.parent()) {
            NodeLocation found = locations.get(p);
            if (found != null) {
                return preferKey && found.key() != null ? found.key() : found.value();
            }
            if (p.isRoot()) {
                return new Location(source, 0, 0);
            }
        }
    }
}
