package io.cryflow.schemas.fuzz;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

/**
 * Random structural mutations of a byte payload, in the manner of a mutation fuzzer: bit flips,
 * overwrites, cuts, insertions, extreme varints, splices from a donor payload, duplicated regions.
 * Shared with other modules' fuzz tests through this module's test jar.
 */
public final class ByteMutator {

    private ByteMutator() {
    }

    public static byte[] mutate(byte[] valid, Random random, byte[] donor) {
        byte[] out = valid.clone();
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            out = mutateOnce(out, random, donor);
        }
        return out;
    }

    private static byte[] mutateOnce(byte[] in, Random random, byte[] donor) {
        if (in.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        int at = random.nextInt(in.length);
        byte[] out;
        switch (random.nextInt(8)) {
            case 0 -> { // bit flip
                out = in.clone();
                out[at] ^= (byte) (1 << random.nextInt(8));
            }
            case 1 -> { // byte overwrite
                out = in.clone();
                out[at] = (byte) random.nextInt(256);
            }
            case 2 -> out = Arrays.copyOf(in, at); // cut short
            case 3 -> { // insert random bytes
                byte[] extra = new byte[1 + random.nextInt(16)];
                random.nextBytes(extra);
                out = splice(in, at, extra, 0);
            }
            case 4 -> { // an extreme zig-zag varint (huge or negative length) in place
                byte[] varint = random.nextBoolean()
                        ? new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}
                        : new byte[] {(byte) 0x01};
                out = splice(in, at, varint, varint.length);
            }
            case 5 -> { // splice a piece of another valid payload (keeps plausible structure)
                int from = random.nextInt(donor.length);
                int len = 1 + random.nextInt(Math.min(32, donor.length - from));
                out = splice(in, at, Arrays.copyOfRange(donor, from, from + len), len);
            }
            case 6 -> { // duplicate a region
                int len = 1 + random.nextInt(Math.min(16, in.length - at));
                out = splice(in, at, Arrays.copyOfRange(in, at, at + len), 0);
            }
            default -> { // keep the 10-byte header, randomise the rest of one region
                out = in.clone();
                int start = Math.min(in.length - 1, 10 + random.nextInt(Math.max(1, in.length - 10)));
                for (int i = start; i < Math.min(in.length, start + 1 + random.nextInt(8)); i++) {
                    out[i] = (byte) random.nextInt(256);
                }
            }
        }
        return out;
    }

    /** Inserts {@code piece} at {@code at}, replacing {@code replaced} bytes there. */
    private static byte[] splice(byte[] in, int at, byte[] piece, int replaced) {
        int tail = Math.max(0, in.length - at - replaced);
        byte[] out = new byte[at + piece.length + tail];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(in, in.length - tail, out, at + piece.length, tail);
        return out;
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 256)) + (bytes.length > 256 ? "…" : "");
    }
}
