package dev.jetway.plugin.mcp.jsonrpc;

/** How messages and bodies from targets appear in log lines: a line stays readable however large they are. */
public final class LogText {

    private static final int SHOWN = 200;

    private LogText() {
    }

    /** The first 200 characters of {@code text}, marked when cut. */
    public static String abbreviated(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "...";
    }
}
