package io.cryflow.inference.evaluation;

import java.io.IOException;

/** A manifest or split file that cannot be used as it is; the message names the file and, where known, the line. */
public final class MalformedInputException extends IOException {

    public MalformedInputException(String message) {
        super(message);
    }

    public MalformedInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
