package io.cryflow.ingest.scene;

/**
 * A clip a library can load.
 *
 * @param id    identifies the clip within its library (for a file, its path relative to the
 *              library root); written to the ground truth as the source clip
 * @param cause the cry's cause where known (e.g. hungry), otherwise empty
 */
public record ClipEntry(String id, String cause) {

    public ClipEntry {
        cause = cause == null ? "" : cause;
    }
}
