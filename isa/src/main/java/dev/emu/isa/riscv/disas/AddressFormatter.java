package dev.emu.isa.riscv.disas;

/**
 * Renders a code or data address inside disassembly text: a branch target or the address in a
 * {@code # ...} comment. objdump prints {@code 10098 <main+0x20>} when the file has symbols
 * and {@code 0x10098} when it has none.
 */
@FunctionalInterface
public interface AddressFormatter {
    String format(long address);

    /** The form for code without symbols. */
    AddressFormatter PLAIN = address -> "0x" + Long.toHexString(address);
}
