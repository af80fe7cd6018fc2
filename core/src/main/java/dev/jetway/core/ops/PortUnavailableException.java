package dev.jetway.core.ops;

import java.io.IOException;
import java.net.BindException;
import java.util.Locale;

/**
 * A port the gateway could not listen on, said with what wanted it and where that is configured: the JDK's own
 * "Address already in use" names neither the port nor the endpoint.
 */
public final class PortUnavailableException extends IOException {

    private PortUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @param what    what wanted the port, such as {@code stats endpoint} or {@code listener "mcp"}
     * @param host    the address it was to listen on, {@code null} for every interface
     * @param setting where the port comes from and how to change it
     * @return {@code failure} itself when it is not about binding the port
     */
    public static IOException of(String what, String host, int port, String setting, IOException failure) {
        BindException bind = null;
        for (Throwable t = failure; t != null && bind == null; t = t.getCause() == t ? null : t.getCause()) {
            bind = t instanceof BindException b ? b : null;
        }
        if (bind == null) {
            return failure;
        }
        String message = String.valueOf(bind.getMessage());
        String why = message.toLowerCase(Locale.ROOT).contains("in use") ? "is in use by another process"
                : "cannot be bound (" + message + ")";
        return new PortUnavailableException(what + ": port " + port + (host == null ? "" : " on " + host) + " " + why
                + " (" + setting + ")", failure);
    }
}
