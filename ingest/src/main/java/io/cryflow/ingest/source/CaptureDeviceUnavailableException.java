package io.cryflow.ingest.source;

import java.io.IOException;

/** No usable audio capture device: says what was looked for and what to do instead. */
public final class CaptureDeviceUnavailableException extends IOException {

    public CaptureDeviceUnavailableException(String message) {
        super(message);
    }

    public CaptureDeviceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
