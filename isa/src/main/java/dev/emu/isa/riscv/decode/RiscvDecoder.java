package dev.emu.isa.riscv.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes instruction words for execution: the first canonical row whose pattern and field
 * conditions match, among the extensions the guest may use. Aliases are printing names only
 * and never take part. A word no row claims, or one whose row rejects it as reserved, is
 * illegal ({@code null}).
 */
public final class RiscvDecoder {
    private final Encoding[][] compressed = new Encoding[4][];
    private final Encoding[][] full = new Encoding[128][];

    public RiscvDecoder(Set<Extension> arch) {
        List<List<Encoding>> c = buckets(4);
        List<List<Encoding>> f = buckets(128);
        for (Encoding e : RiscvEncodings.all()) {
            if (e.alias() || !e.supportedBy(arch)) {
                continue;
            }
            (e.isCompressed() ? c : f).get(e.pattern().bucket()).add(e);
        }
        for (int i = 0; i < 4; i++) {
            compressed[i] = c.get(i).toArray(Encoding[]::new);
        }
        for (int i = 0; i < 128; i++) {
            full[i] = f.get(i).toArray(Encoding[]::new);
        }
    }

    private static List<List<Encoding>> buckets(int n) {
        List<List<Encoding>> b = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            b.add(new ArrayList<>());
        }
        return b;
    }

    /**
     * The length in bytes of the instruction whose low 16 bits are given: 2, 4, or for the
     * longer encodings RISC-V reserves, 6, 8 or 10-22 (which emu never decodes).
     */
    public static int length(int lowHalf) {
        if ((lowHalf & 0x3) != 0x3) {
            return 2;
        }
        if ((lowHalf & 0x1f) != 0x1f) {
            return 4;
        }
        if ((lowHalf & 0x3f) == 0x1f) {
            return 6;
        }
        if ((lowHalf & 0x7f) == 0x3f) {
            return 8;
        }
        if ((lowHalf & 0x7f) == 0x7f && (lowHalf & 0x7000) != 0x7000) {
            return 10 + ((lowHalf >> 11) & 0xe);
        }
        return 22;
    }

    /** The instruction encoded by {@code word}, or {@code null} when it is illegal. */
    public Encoding decode(int word) {
        int len = length(word & 0xffff);
        Encoding[] candidates;
        if (len == 2) {
            word &= 0xffff;
            candidates = compressed[word & 0x3];
        } else if (len == 4) {
            candidates = full[word & 0x7f];
        } else {
            return null;
        }
        for (Encoding e : candidates) {
            if (e.matches(word)) {
                if (!e.legal().test(word) || (e.hasRoundingMode() && reservedRoundingMode(word))) {
                    return null;
                }
                return e;
            }
        }
        return null;
    }

    private static boolean reservedRoundingMode(int word) {
        int rm = Fields.rm(word);
        return rm == 5 || rm == 6;
    }
}
