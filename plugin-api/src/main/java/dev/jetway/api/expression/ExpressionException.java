package dev.jetway.api.expression;

/** An expression could not be evaluated for a request: a missing variable or key, a wrong type, a failed function. */
public final class ExpressionException extends Exception {
    private static final long serialVersionUID = 1L;

    public ExpressionException(String message, Throwable cause) {
        super(message, cause);
    }
}
