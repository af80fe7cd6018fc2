package dev.jetway.core.ops;

import java.util.Locale;

/** Host names that can only mean this machine, whatever DNS says: {@code localhost}, 127.0.0.0/8 and {@code ::1}. */
final class LoopbackHost {

    private LoopbackHost() {
    }

    static boolean is(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.equals("localhost") || name.equals("::1") || name.matches("127(\\.\\d{1,3}){3}");
    }
}
