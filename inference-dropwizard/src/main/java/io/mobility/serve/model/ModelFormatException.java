package io.mobility.serve.model;

/** A model directory that does not follow docs/model-format.md; the message names the file and field. */
public class ModelFormatException extends RuntimeException {

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
