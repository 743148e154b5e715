package dev.emu.isa.riscv.disas;

import dev.emu.engine.elf.ElfFile;
import dev.emu.isa.riscv.decode.Extension;
import dev.emu.isa.riscv.decode.RiscvDecoder;

import java.util.Arrays;

/**
 * The {@code -d in_asm} text of a translated block: qemu-user's framing around the instruction
 * text {@code emu --disas} prints.
 *
 * <pre>
 * ----------------
 * IN: main
 * 0x0000000000010552:  1141              add	sp,sp,-16
 * 0x0000000000010554:  00000517          auipc	a0,0x2d
 * 0x0000000000010558:  5f450513          add	a0,a0,1524 # 3db48 &lt;__rseq_flags+0x4&gt;
 * </pre>
 *
 * A rule, {@code IN:} and the function qemu names ({@link QemuSymbols}), then per instruction
 * the address in 16 digits, the instruction's bytes as one little-endian number (4 or 8 digits,
 * padded as qemu pads them), and the text, then an empty line.
 *
 * <p>objdump's lui/auipc address tracker carries over from one instruction of the listing to
 * the next for the whole file, and blocks run in any order, so the text of an instruction of the
 * program's code sections comes from the listing itself ({@link ElfListing#instructions}, walked
 * once, the first time a block is logged): it is the line {@code emu --disas} prints for that
 * address, as long as the bytes in memory are still those of the file. Other code (written at
 * run time, or patched) is disassembled on its own, the tracker running from the block's start,
 * with plain addresses. Thread-safe.
 */
public final class InAsmLog {
    private static final String RULE = "----------------\n";

    private final ElfFile program;
    private final long loadBias;
    private final DisasOptions fallbackOptions;
    private QemuSymbols symbols;
    private Listing listing;

    /** For code of {@code program} (null: none known), loaded {@code loadBias} above its link addresses. */
    public InAsmLog(ElfFile program, long loadBias) {
        this.program = program;
        this.loadBias = loadBias;
        this.fallbackOptions = DisasOptions.defaults().withArch(Extension.all());
    }

    /** The program symbol containing pc, or null (no program, or no symbol there). */
    public synchronized String symbol(long pc) {
        if (program == null) {
            return null;
        }
        if (symbols == null) {
            symbols = new QemuSymbols(program, loadBias);
        }
        String name = symbols.lookup(pc);
        return name == null || name.isEmpty() ? null : name;
    }

    /** The text for a block whose instructions start at {@code pcs} and are {@code words} (16 or 32 bits each). */
    public synchronized String block(long[] pcs, int[] words) {
        if (program != null && listing == null) {
            if (symbols == null) {
                symbols = new QemuSymbols(program, loadBias);
            }
            listing = new Listing(program);
        }
        StringBuilder b = new StringBuilder(RULE).append("IN: ");
        if (symbols != null && pcs.length > 0) {
            b.append(symbols.lookup(pcs[0]));
        }
        b.append('\n');
        RiscvDisassembler fallback = null;
        for (int i = 0; i < pcs.length; i++) {
            int length = RiscvDecoder.length(words[i] & 0xffff);
            int word = length == 4 ? words[i] : words[i] & 0xffff;
            String text = listing != null ? listing.text(pcs[i] - loadBias, length, word) : null;
            if (length > 4) {
                // a longer encoding, which the translator treats as an illegal 16-bit parcel
                length = 2;
                text = ".2byte\t0x" + Integer.toHexString(word);
            } else if (text == null) {
                if (fallback == null) {
                    fallback = new RiscvDisassembler(fallbackOptions);
                }
                text = fallback.disassemble(pcs[i], word);
            }
            String hex = length == 2 ? String.format("%04x", word) : String.format("%08x", word);
            b.append(String.format("0x%016x:  %-16s  ", pcs[i], hex)).append(text).append('\n');
        }
        return b.append('\n').toString();
    }

    /** The instruction lines of the program's listing, by address. */
    private static final class Listing {
        private long[] addresses = new long[1 << 12];
        private int[] words = new int[1 << 12];
        private String[] texts = new String[1 << 12];
        private int count;

        Listing(ElfFile elf) {
            ElfListing.instructions(elf, (address, length, bytes, text) -> {
                if (length != 2 && length != 4) {
                    return;
                }
                if (count == addresses.length) {
                    addresses = Arrays.copyOf(addresses, 2 * count);
                    words = Arrays.copyOf(words, 2 * count);
                    texts = Arrays.copyOf(texts, 2 * count);
                }
                addresses[count] = address;
                words[count] = length == 2 ? (int) bytes & 0xffff : (int) bytes;
                texts[count++] = text;
            });
            sortByAddress();
        }

        /** Code sections normally come in address order; when they do not, sort the lines. */
        private void sortByAddress() {
            boolean sorted = true;
            for (int i = 1; i < count && sorted; i++) {
                sorted = Long.compareUnsigned(addresses[i - 1], addresses[i]) < 0;
            }
            if (sorted) {
                return;
            }
            Integer[] order = new Integer[count];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, c) -> Long.compareUnsigned(addresses[a], addresses[c]));
            long[] a = new long[count];
            int[] w = new int[count];
            String[] t = new String[count];
            for (int i = 0; i < count; i++) {
                a[i] = addresses[order[i]];
                w[i] = words[order[i]];
                t[i] = texts[order[i]];
            }
            addresses = a;
            words = w;
            texts = t;
        }

        /** The listing's text for the instruction at this link address, if the listing has these bytes there. */
        String text(long address, int length, int word) {
            int at = Arrays.binarySearch(addresses, 0, count, address);
            if (at < 0 || words[at] != word || RiscvDecoder.length(words[at] & 0xffff) != length) {
                return null;
            }
            return texts[at];
        }
    }
}
