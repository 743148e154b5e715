package dev.emu.isa.riscv.disas;

import dev.emu.engine.UserError;
import dev.emu.engine.elf.ElfAttributes;
import dev.emu.engine.elf.ElfFile;
import dev.emu.engine.elf.ElfSection;
import dev.emu.isa.riscv.decode.Extension;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code emu --disas}: what {@code riscv64-linux-gnu-objdump -d} (binutils 2.40) prints for an
 * ELF file, from the "Disassembly of section" lines on: every executable section in order,
 * walked symbol by symbol as objdump's {@code disassemble_section} does, each block printed as
 * {@code disassemble_bytes} prints it.
 *
 * <p>Reproduced: the address column with objdump's dropped leading zeroes, the raw-bytes column
 * in 2- or 4-byte chunks padded to 8 bytes, {@code \t...} for runs of zero bytes, symbol lines,
 * branch targets and {@code # address} comments named after objdump's choice of symbol, the
 * ISA from Tag_RISCV_arch and {@code $xrv...} mapping symbols, {@code $d} data as
 * {@code .byte}/{@code .short}/{@code .word}, objects in code dumped as hex and characters, and
 * the "Address 0x... is out of bounds." objdump prints when an instruction would run past the
 * next symbol, and for dynamically linked files {@code @plt} symbols, GOT slots named after
 * their relocation's symbol and version suffixes ({@link DynamicSymbols}).
 *
 * <p>Not reproduced: the file-name header line objdump prints first. One approximation: objdump
 * keeps one lui/auipc address tracker for the whole listing, while emu keeps one per ISA (one
 * {@link RiscvDisassembler} each), so a {@code # address} comment can differ when a
 * {@code $xrv...} mapping symbol changes the ISA between a lui and the instruction that uses it.
 * The privileged-spec version of the file (Tag_RISCV_priv_spec), which selects CSR names in
 * objdump, is not passed on: {@link DisasOptions} has no field for it.
 */
public final class ElfListing {
    private static final int SKIP_ZEROES = 8;
    private static final int SKIP_ZEROES_AT_END = 3;
    /** What print_insn_riscv returns as a length when a read fails: EIO, used by objdump as a size. */
    private static final int EIO = 5;
    private static final String DEFAULT_ARCH = "rv64gc";

    /**
     * Receives each instruction line of a listing (a line of a function's code, not of an object
     * dumped as bytes): its address, its length, up to 8 of its bytes as a little-endian number,
     * and its text, e.g. {@code jal\t105c6 <load_gp>}.
     */
    @FunctionalInterface
    public interface InstructionSink {
        void instruction(long address, int length, long bytes, String text);
    }

    private final StringBuilder out = new StringBuilder(1 << 16);
    private final PrintStream stream;
    private InstructionSink sink;
    private final SymbolLookup symbols;
    private final MappingSymbols mapping;
    private final DisasOptions baseOptions;
    private final Map<Set<Extension>, RiscvDisassembler> disassemblers = new HashMap<>();
    private Long globalPointer;
    private boolean globalPointerKnown;
    private long instructions;

    /** objdump's disassemble_info fields that live from one instruction to the next. */
    private int bytesPerChunk;
    private int bytesPerLine;
    private String text;

    private ElfListing(ElfFile elf, boolean noAliases, boolean numericRegisters, PrintStream stream) {
        this.stream = stream;
        this.symbols = new SymbolLookup(elf);
        String arch = elf.riscvAttributes().flatMap(ElfAttributes::riscvArch).orElse(DEFAULT_ARCH);
        this.mapping = new MappingSymbols(symbols, arch);
        this.baseOptions = DisasOptions.defaults().withNoAliases(noAliases).withNumericRegisters(numericRegisters);
    }

    /** Prints the listing of every executable section; returns the number of instruction lines. */
    public static long list(Path file, boolean noAliases, boolean numericRegisters, PrintStream out) throws IOException {
        return list(ElfFile.read(file), noAliases, numericRegisters, out);
    }

    /** The same for a file already read. */
    public static long list(ElfFile elf, boolean noAliases, boolean numericRegisters, PrintStream out) {
        if (elf.machine() != ElfFile.EM_RISCV) {
            throw new UserError("not a RISC-V ELF file (e_machine " + elf.machine() + ")");
        }
        ElfListing listing = new ElfListing(elf, noAliases, numericRegisters, out);
        for (ElfSection section : elf.sections()) {
            if (section.isExecutable() && section.hasFileData() && section.size() != 0) {
                listing.section(section, elf.contents(section));
            }
        }
        listing.flush();
        return listing.instructions;
    }

    /**
     * Walks the listing of every executable section as {@link #list} prints it, handing each
     * instruction line to {@code sink} instead: what {@code -d in_asm} looks its text up in, so
     * that the lui/auipc address tracker has the state it has in the listing.
     */
    public static void instructions(ElfFile elf, InstructionSink sink) {
        ElfListing listing = new ElfListing(elf, false, false, new PrintStream(OutputStream.nullOutputStream()));
        listing.sink = sink;
        for (ElfSection section : elf.sections()) {
            if (section.isExecutable() && section.hasFileData() && section.size() != 0) {
                listing.section(section, elf.contents(section));
                listing.out.setLength(0);
            }
        }
    }

    /** disassemble_section: the section block by block, each block running from one symbol to the next. */
    private void section(ElfSection section, byte[] data) {
        long vma = section.address();
        long stop = data.length;
        symbols.startSection(section);
        out.append("\nDisassembly of section ").append(SymbolLookup.sanitize(section.name())).append(":\n");
        int place = symbols.find(vma, true);
        SymbolLookup.Sym sym = place >= 0 ? symbols.get(place) : null;
        if (place < 0) {
            place = 0;
        }
        long offset = 0;
        while (offset < stop) {
            long addr = vma + offset;
            boolean before = sym != null && Long.compareUnsigned(sym.value(), addr) > 0;
            int symtabPos = sym != null && !before ? place : -1;
            out.append('\n').append(symbols.withSymbol(sym, addr, false)).append(":\n");

            SymbolLookup.Sym next;
            if (sym == null || before) {
                next = sym;
            } else {
                while (place < symbols.count() && !validNext(symbols.get(place), sym, section)) {
                    place++;
                }
                next = place < symbols.count() ? symbols.get(place) : null;
            }
            long nextStop;
            if (before) {
                nextStop = sym.value() - vma;
            } else if (next == null) {
                nextStop = stop;
            } else {
                nextStop = next.value() - vma;
            }
            if (Long.compareUnsigned(nextStop, stop) > 0 || Long.compareUnsigned(nextStop, offset) <= 0) {
                nextStop = stop;
            }
            // A symbol marked as an object, rather than a function, is dumped as bytes.
            boolean insns = sym == null || sym.section() != section.index() || before
                    || ((sym.flags() & SymbolLookup.OBJECT) == 0 && !sym.name().contains("gnu_compiled")
                        && !sym.name().contains("gcc2_compiled"))
                    || (sym.flags() & SymbolLookup.FUNCTION) != 0;
            bytes(section, data, insns, offset, nextStop, symtabPos);
            offset = nextStop;
            sym = next;
        }
    }

    private static boolean validNext(SymbolLookup.Sym candidate, SymbolLookup.Sym sym, ElfSection section) {
        return candidate.sectionName().equals(section.name())
                && Long.compareUnsigned(candidate.value(), sym.value()) > 0
                && SymbolLookup.valid(candidate);
    }

    /** disassemble_bytes: one block, as instructions or as a hex-and-characters dump. */
    private void bytes(ElfSection section, byte[] data, boolean insns, long start, long stop, int symtabPos) {
        long vma = section.address();
        int skip = skipAddressChars(section);
        int octetsPerLine = insns ? 4 : 16;
        long offset = start;
        while (offset < stop) {
            long octets = 0;
            while (offset + octets < stop && data[(int) (offset + octets)] == 0) {
                octets++;
            }
            if (octets >= SKIP_ZEROES || (offset + octets == stop && octets < SKIP_ZEROES_AT_END)) {
                // Runs of zeroes are skipped in whole words unless they reach the end of the block.
                if (offset + octets != stop) {
                    octets &= ~3L;
                }
                out.append("\t...\n");
            } else {
                out.append(address(vma + offset, skip)).append(":\t");
                String shown;
                if (insns) {
                    bytesPerChunk = 0;
                    bytesPerLine = 0;
                    octets = instruction(section, data, vma + offset, stop, symtabPos);
                    shown = text;
                    if (bytesPerLine != 0) {
                        octetsPerLine = bytesPerLine;
                    }
                    instructions++;
                    if (sink != null && offset + octets <= stop) {
                        sink.instruction(vma + offset, (int) octets, littleEndian(data, (int) offset, (int) Math.min(octets, 8)), shown);
                    }
                } else {
                    octets = Math.min(octetsPerLine, stop - offset);
                    StringBuilder chars = new StringBuilder();
                    for (long j = offset; j < offset + octets; j++) {
                        int c = data[(int) j] & 0xff;
                        chars.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
                    }
                    shown = chars.toString();
                }
                int bpc = bytesPerChunk != 0 ? bytesPerChunk : 1;
                long pb = Math.min(octets, octetsPerLine);
                chunks(data, offset, offset + pb, bpc, stop);
                for (; pb < octetsPerLine; pb += bpc) {
                    out.append(" ".repeat(2 * bpc + 1));
                }
                out.append(insns ? "\t" : "    ").append(shown);
                // What does not fit in one line's byte column continues on lines of its own.
                while (pb < octets) {
                    long j = offset + pb;
                    out.append('\n').append(address(vma + j, skip)).append(":\t");
                    pb = Math.min(pb + octetsPerLine, octets);
                    chunks(data, j, offset + pb, bpc, stop);
                }
                out.append('\n');
            }
            offset += octets;
            if (out.length() > 1 << 16) {
                flush();
            }
        }
    }

    /** Raw bytes from {@code from} to {@code to} in little-endian chunks, each followed by a space. */
    private void chunks(byte[] data, long from, long to, int bpc, long stop) {
        for (long j = from; j < to; j += bpc) {
            if (j + bpc <= stop) {
                for (int k = bpc - 1; k >= 0; k--) {
                    int b = data[(int) (j + k)] & 0xff;
                    out.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
                }
            }
            out.append(' ');
        }
    }

    /**
     * print_insn_riscv: disassembles (or, under a {@code $d} mapping symbol, prints as data) the
     * bytes at {@code memaddr}, leaving the text in {@link #text}; returns the size objdump advances by.
     */
    private long instruction(ElfSection section, byte[] data, long memaddr, long stopOffset, int symtabPos) {
        long stopVma = section.address() + stopOffset;
        int off = (int) (memaddr - section.address());
        if (mapping.isData(memaddr, symtabPos, stopOffset, section)) {
            int size = mapping.dataLength(memaddr, section);
            bytesPerChunk = size;
            if (!readable(section, memaddr, size, stopVma)) {
                return outOfBounds(memaddr);
            }
            long value = littleEndian(data, off, size);
            bytesPerLine = size == 1 ? 6 : 8;
            text = switch (size) {
                case 1 -> String.format(".byte\t0x%02x", value);
                case 2 -> String.format(".short\t0x%04x", value);
                default -> String.format(".word\t0x%08x", value);
            };
            return size;
        }
        if (!readable(section, memaddr, 2, stopVma)) {
            return outOfBounds(memaddr);
        }
        int length = length((int) littleEndian(data, off, 2));
        if (!readable(section, memaddr, length, stopVma)) {
            return outOfBounds(memaddr);
        }
        bytesPerChunk = length % 4 == 0 ? 4 : 2;
        bytesPerLine = 8;
        if (length <= 4) {
            text = disassembler().disassemble(memaddr, (int) littleEndian(data, off, length));
        } else if (length == 8) {
            text = ".8byte\t0x" + Long.toHexString(littleEndian(data, off, 8));
        } else {
            StringBuilder b = new StringBuilder(".byte\t");
            for (int i = 0; i < length; i++) {
                b.append(i > 0 ? ", " : "").append(String.format("0x%02x", data[off + i] & 0xff));
            }
            text = b.toString();
        }
        return length;
    }

    /** buffer_read_memory's bounds: the section, and the next symbol (objdump's stop_vma). */
    private static boolean readable(ElfSection section, long memaddr, int length, long stopVma) {
        long off = memaddr - section.address();
        if (Long.compareUnsigned(off, section.size()) > 0 || Long.compareUnsigned(off + length, section.size()) > 0) {
            return false;
        }
        return stopVma == 0 || (Long.compareUnsigned(memaddr, stopVma) < 0
                && Long.compareUnsigned(memaddr + length, stopVma) <= 0);
    }

    private long outOfBounds(long memaddr) {
        text = "Address 0x" + Long.toHexString(memaddr) + " is out of bounds.\n";
        return EIO;
    }

    /** riscv_insn_length, from the first 16 bits. */
    private static int length(int half) {
        if ((half & 0x3) != 0x3) {
            return 2;
        }
        if ((half & 0x1f) != 0x1f) {
            return 4;
        }
        if ((half & 0x3f) == 0x1f) {
            return 6;
        }
        if ((half & 0x7f) == 0x3f) {
            return 8;
        }
        if ((half & 0x7f) == 0x7f && (half & 0x7000) != 0x7000) {
            return 10 + ((half >> 11) & 0xe);
        }
        return 2;
    }

    /** The disassembler for the ISA in force; {@code __global_pointer$} is looked up once, as riscv-dis.c does. */
    private RiscvDisassembler disassembler() {
        if (!globalPointerKnown) {
            globalPointer = symbols.globalPointer();
            globalPointerKnown = true;
        }
        Set<Extension> arch = RiscvArch.parse(mapping.arch()).or(() -> RiscvArch.parse(DEFAULT_ARCH)).orElseThrow();
        return disassemblers.computeIfAbsent(arch, a -> new RiscvDisassembler(
                baseOptions.withArch(a).withGlobalPointer(globalPointer), symbols));
    }

    /** How many leading address digits objdump drops: whole groups of four zeroes, keeping at least one zero. */
    private static int skipAddressChars(ElfSection section) {
        String end = String.format("%016x", section.address() + section.size());
        int skip = 0;
        while (skip < end.length() && end.charAt(skip) == '0') {
            skip++;
        }
        if (skip == end.length() && section.address() != 0) {
            skip = 0;
        }
        return skip != 0 ? (skip - 1) & ~3 : 0;
    }

    /** The address column: 16 hex digits less the dropped ones, leading zeroes as spaces. */
    private static String address(long vma, int skip) {
        char[] digits = String.format("%016x", vma).substring(skip).toCharArray();
        int i = 0;
        while (i < digits.length && digits[i] == '0') {
            digits[i++] = ' ';
        }
        if (i == digits.length) {
            digits[i - 1] = '0';
        }
        return new String(digits);
    }

    private static long littleEndian(byte[] data, int off, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = v << 8 | (data[off + i] & 0xff);
        }
        return v;
    }

    private void flush() {
        stream.print(out);
        out.setLength(0);
    }
}
