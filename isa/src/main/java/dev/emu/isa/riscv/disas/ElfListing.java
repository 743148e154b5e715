package dev.emu.isa.riscv.disas;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code emu --disas}: the instruction lines objdump -d prints for an ELF file. (In progress.) */
public final class ElfListing {
    private ElfListing() {}

    /** Prints the listing of every executable section; returns the number of instructions. */
    public static long list(Path file, boolean noAliases, boolean numericRegisters, PrintStream out) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }
}
