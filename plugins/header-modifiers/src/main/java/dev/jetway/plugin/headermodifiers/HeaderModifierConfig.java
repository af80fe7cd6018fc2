package dev.jetway.plugin.headermodifiers;

import java.util.List;
import java.util.Map;

/** {@code requestHeaderModifier} / {@code responseHeaderModifier}: {@code {add?: {name: value}, set?: {...}, remove?: [name]}}. */
public record HeaderModifierConfig(Map<String, String> add, Map<String, String> set, List<String> remove) {

    public HeaderModifierConfig {
        add = add == null ? Map.of() : add;
        set = set == null ? Map.of() : set;
        remove = remove == null ? List.of() : remove;
    }
}
