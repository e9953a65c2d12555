package io.mobility.lake;

/** A lake file that does not follow docs/model-format.md; the message names the file and the field at fault. */
public class LakeFormatException extends IllegalArgumentException {

    public LakeFormatException(String message) {
        super(message);
    }

    public LakeFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
