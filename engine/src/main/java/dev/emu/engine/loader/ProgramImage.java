package dev.emu.engine.loader;

import java.util.List;

/**
 * A loaded program, as the Linux layer and the run loop need it: where to start, the stack
 * pointer, where brk starts, what was mapped (so the process can track its mappings) and the
 * auxiliary vector that was written (for tests and diagnostics).
 *
 * @param entry        the first instruction: the interpreter's entry when there is one, else
 *                     the program's (e_entry plus the load bias; AT_ENTRY has it either way)
 * @param loadBias     what was added to every p_vaddr (0 for ET_EXEC)
 * @param programHeaders AT_PHDR: the guest address of the program header table
 * @param stackPointer the initial sp, pointing at argc, 16-byte aligned
 * @param brkStart     the initial program break: the page after the highest segment end
 * @param mappings     every mapping the loader made, segments first, the stack last
 */
public record ProgramImage(long entry, long loadBias, long programHeaders, int programHeaderCount,
                           long stackPointer, long brkStart, List<Mapping> mappings, List<AuxVector> auxv) {
    public ProgramImage {
        mappings = List.copyOf(mappings);
        auxv = List.copyOf(auxv);
    }

    /**
     * One page-aligned range the loader mapped: [start, end) with PROT_* permissions; file is
     * the file whose bytes from {@code offset} it holds, null for anonymous memory (bss, the
     * stack), which name ("[stack]" or "") labels instead.
     */
    public record Mapping(long start, long end, int prot, String name, MappedFile file, long offset) {
        /** An anonymous mapping. */
        public Mapping(long start, long end, int prot, String name) {
            this(start, end, prot, name, null, 0);
        }
    }

    /** The value of an auxiliary vector entry; throws if the loader did not write one. */
    public long aux(int type) {
        for (AuxVector a : auxv) {
            if (a.type() == type) {
                return a.value();
            }
        }
        throw new IllegalArgumentException("no " + AuxVector.name(type) + " in the auxiliary vector");
    }
}
