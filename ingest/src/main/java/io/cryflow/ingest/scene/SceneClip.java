package io.cryflow.ingest.scene;

import java.nio.file.Path;

/**
 * An audio file a {@link BoutSceneBuilder} may use.
 *
 * @param file       the WAV file (any PCM layout and rate)
 * @param id         how the ground truth names it (e.g. its manifest path)
 * @param group      its recording group (the same baby, speaker or recording); a bout takes its cries from one group
 * @param soundClass what it is, for a distractor (e.g. {@code dog}, {@code music}); {@code cry} for cries
 */
public record SceneClip(Path file, String id, String group, String soundClass) {
}
