package dev.emu.isa.riscv.translate;

import dev.emu.isa.riscv.decode.BitPattern;
import dev.emu.isa.riscv.decode.Encoding;
import dev.emu.isa.riscv.decode.Extension;
import dev.emu.isa.riscv.decode.Fields;
import dev.emu.isa.riscv.decode.RiscvDecoder;
import dev.emu.isa.riscv.decode.RiscvEncodings;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the differential test's sequences held: the decode-table rows, and the rounding-mode
 * field values of the FP instructions that have one, so a run can show (and the test check)
 * that the generator still reaches everything it should.
 */
final class Coverage {
    private static final RiscvDecoder DECODER = new RiscvDecoder(Extension.all());
    /** Names with a rounding-mode row: their row without one is the rm = dyn form. */
    private static final Set<String> ROUNDED = RiscvEncodings.all().stream()
            .filter(Encoding::hasRoundingMode).map(Encoding::name).collect(Collectors.toSet());

    private final Set<Encoding> rows = new HashSet<>();
    private final long[] roundingModes = new long[8];
    private long instructions;

    void add(List<Integer> words) {
        for (int w : words) {
            Encoding e = DECODER.decode(w);
            rows.add(e);
            if (e.hasRoundingMode() || ROUNDED.contains(e.name())) {
                roundingModes[Fields.rm(w)]++;
            }
            instructions++;
        }
    }

    /**
     * The rows the generator is meant to produce that no sequence held, by name and syntax. A row
     * whose pattern an earlier row already has (fmv.x.s after fmv.x.w) is never decoded to.
     */
    List<String> missing() {
        Set<BitPattern> patterns = new HashSet<>();
        return RiscvEncodings.all().stream()
                .filter(e -> !e.alias() && patterns.add(e.pattern()))
                .filter(e -> SequenceGenerator.generates(e) && !rows.contains(e))
                .map(Encoding::toString).toList();
    }

    @Override
    public String toString() {
        return String.format("%d instructions in the bodies, %d decode-table rows, FP instructions by rm field "
                        + "(rne rtz rdn rup rmm dyn): %d %d %d %d %d %d", instructions, rows.size(),
                roundingModes[0], roundingModes[1], roundingModes[2], roundingModes[3], roundingModes[4], roundingModes[7]);
    }
}
