package dev.emu.isa.riscv.disas;

import dev.emu.isa.riscv.decode.Encoding;
import dev.emu.isa.riscv.decode.RiscvDecoder;
import dev.emu.isa.riscv.decode.RiscvEncodings;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns instruction words into the text GNU objdump (binutils 2.40) prints for them: the first
 * table row that matches and that the architecture supports wins, aliases included unless
 * {@code noAliases}; a word no row claims prints as {@code .2byte}/{@code .4byte 0x...}.
 *
 * <p>An instance keeps objdump's cross-instruction state (the lui/auipc address tracker), so
 * feed it the instructions of one listing in address order. Not thread-safe.
 */
public final class RiscvDisassembler {
    private record Row(Encoding encoding, Syntax syntax) {}

    private final Row[][] compressed = new Row[4][];
    private final Row[][] full = new Row[128][];
    private final Printer printer;

    public RiscvDisassembler(DisasOptions options, AddressFormatter addresses) {
        this.printer = new Printer(options, addresses);
        List<List<Row>> c = new ArrayList<>();
        List<List<Row>> f = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            c.add(new ArrayList<>());
            f.add(new ArrayList<>());
        }
        for (Encoding e : RiscvEncodings.all()) {
            if (!e.printable() || (options.noAliases() && e.alias()) || !e.supportedBy(options.arch())) {
                continue;
            }
            (e.isCompressed() ? c : f).get(e.pattern().bucket()).add(new Row(e, Syntax.compile(e.syntax())));
        }
        for (int i = 0; i < 4; i++) {
            compressed[i] = c.get(i).toArray(Row[]::new);
        }
        for (int i = 0; i < 128; i++) {
            full[i] = f.get(i).toArray(Row[]::new);
        }
    }

    public RiscvDisassembler(DisasOptions options) {
        this(options, AddressFormatter.PLAIN);
    }

    /** The length in bytes of the instruction that starts with this 16-bit half. */
    public static int length(int lowHalf) {
        return RiscvDecoder.length(lowHalf);
    }

    /**
     * The text of the 2- or 4-byte instruction {@code word} at {@code pc}: mnemonic, a tab,
     * operands, and any {@code # address} comment, e.g. {@code "addi\ta0,a0,16"}.
     */
    public String disassemble(long pc, int word) {
        int len = length(word & 0xffff);
        Row[] rows;
        if (len == 2) {
            word &= 0xffff;
            rows = compressed[word & 0x3];
        } else if (len == 4) {
            rows = full[word & 0x7f];
        } else {
            throw new IllegalArgumentException("not a 16- or 32-bit instruction: 0x" + Integer.toHexString(word));
        }
        for (Row row : rows) {
            if (row.encoding.matches(word)) {
                printer.start(pc);
                printer.text(row.encoding.name());
                if (!row.syntax.isEmpty()) {
                    printer.text("\t");
                    row.syntax.print(printer, word);
                }
                return printer.finish();
            }
        }
        return (len == 2 ? ".2byte\t0x" : ".4byte\t0x") + Integer.toHexString(word);
    }
}
