package io.mobility.serve.error;

/** 413 for the body; {@code closeConnection} when its rest was not read, so the connection cannot be reused. */
public final class BodyTooLargeException extends ApiException {

    private final boolean closeConnection;

    public BodyTooLargeException(String message, boolean closeConnection) {
        super(413, "body_too_large", "body", message);
        this.closeConnection = closeConnection;
    }

    public boolean closeConnection() {
        return closeConnection;
    }
}
