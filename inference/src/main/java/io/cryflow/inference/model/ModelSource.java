package io.cryflow.inference.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bytes of an ONNX model file and where they came from. The model's version is derived from the
 * bytes ({@link #sha256Prefix()}), so two deployments with equal version strings run the same model.
 *
 * @param origin where the bytes were read (a classpath resource or a file), for messages
 * @param bytes  the model file's content
 */
public record ModelSource(String origin, byte[] bytes) {

    /** Hex digits of the SHA-256 kept in a version string: 48 bits, plenty to tell models apart. */
    public static final int VERSION_HASH_HEX_DIGITS = 12;

    /** A model file on disk. */
    public static ModelSource file(Path path) {
        try {
            return new ModelSource(path.toString(), Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + path + ": " + e.getMessage(), e);
        }
    }

    /** A model bundled on the classpath, e.g. {@code /io/cryflow/inference/models/cry-detector.onnx}. */
    public static ModelSource classpath(String resource) {
        try (InputStream in = ModelSource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled model " + resource + " is not on the classpath");
            }
            return new ModelSource("classpath:" + resource, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled model " + resource + ": " + e.getMessage(), e);
        }
    }

    /** The first {@value #VERSION_HASH_HEX_DIGITS} hex digits of the SHA-256 of the bytes. */
    public String sha256Prefix() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest).substring(0, VERSION_HASH_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
