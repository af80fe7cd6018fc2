package dev.jetway.plugin.mcp.session;

/**
 * Which tools, prompts and resources one client request may see and use ({@code mcpAuthorization}). Items it does not
 * allow are left out of lists, and calls to them are answered as calls to something that does not exist.
 */
@FunctionalInterface
public interface McpAccess {

    /** No rules: everything is visible. */
    McpAccess ALL = (item, target, name) -> true;

    /**
     * @param item   {@code tool}, {@code prompt} or {@code resource}
     * @param target the target that offers it
     * @param name   its name at the target (a URI for resources)
     */
    boolean allows(String item, String target, String name);
}
