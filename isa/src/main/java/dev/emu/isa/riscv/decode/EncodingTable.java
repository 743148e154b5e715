package dev.emu.isa.riscv.decode;

import java.util.List;

/**
 * The decode table of one extension. Order matters only among rows that match the same word:
 * the first supported one is printed, so aliases come before the instruction they rename, the
 * order in which objdump tries them.
 */
public interface EncodingTable {
    List<Encoding> encodings();
}
