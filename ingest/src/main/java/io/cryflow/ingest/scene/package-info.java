/**
 * Synthetic room scenes: cry clips mixed over background audio at known offsets and SNRs, with the
 * ground truth of every cry episode. Clips come from a pluggable
 * {@link io.cryflow.ingest.scene.ClipLibrary}: the shared data set's manifest, a folder of
 * samples, or purely synthetic sources that need no data at all.
 */
package io.cryflow.ingest.scene;
