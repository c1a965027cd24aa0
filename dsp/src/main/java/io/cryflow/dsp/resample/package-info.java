/**
 * Band-limited sample-rate conversion for the pipeline: pure Java, no I/O, streaming with state
 * across calls. Start with {@link io.cryflow.dsp.resample.Resampler#create(int, int)}.
 */
package io.cryflow.dsp.resample;
