package dev.emu.isa.riscv.disas;

import dev.emu.engine.elf.ElfSection;

/**
 * The RISC-V mapping symbols as riscv-dis.c reads them: {@code $x} starts code, {@code $d}
 * starts data (printed as {@code .byte}/{@code .short}/{@code .word}), and {@code $xrv64i2p1_...}
 * starts code for that ISA string, which then stays in force, for later sections too, until
 * another such symbol is met.
 *
 * <p>objdump searches the sorted symbol array from the current symbol's position and remembers
 * the last mapping symbol it found (while the stop offset of the block stays the same), and
 * changes the ISA as a side effect of every {@code $xrv} symbol it looks at. This class repeats
 * that search step by step, because which mapping symbol wins, and which ISA is in force,
 * depends on exactly which symbols the search visits.
 */
final class MappingSymbols {
    private final SymbolLookup symbols;
    private int lastMapSymbol = -1;
    private long lastStopOffset;
    private String arch;
    private boolean data;

    MappingSymbols(SymbolLookup symbols, String initialArch) {
        this.symbols = symbols;
        this.arch = initialArch;
    }

    /** The ISA string in force: the ELF attribute's, or the last {@code $xrv} symbol's. */
    String arch() {
        return arch;
    }

    /**
     * riscv_search_mapping_symbol: whether the bytes at {@code memaddr} are data.
     *
     * @param symtabPos  the place of the symbol the current block starts at, or -1
     * @param stopOffset the section offset where the current block ends
     */
    boolean isData(long memaddr, int symtabPos, long stopOffset, ElfSection section) {
        data = !section.isExecutable();
        int size = symbols.count();
        if (size == 0) {
            return data;
        }
        if (memaddr == 0) {
            lastMapSymbol = -1;
        }
        boolean fromLast = lastMapSymbol >= 0 && stopOffset == lastStopOffset;
        int symbol = -1;
        boolean found = false;
        int n = symtabPos + 1;
        if (fromLast && n >= lastMapSymbol) {
            n = lastMapSymbol;
        }
        for (; n < size; n++) {
            if (Long.compareUnsigned(symbols.get(n).value(), memaddr) > 0) {
                break;
            }
            if (mapState(n, section)) {
                symbol = n;
                found = true;
            }
        }
        if (!found) {
            n = symtabPos;
            if (fromLast && n >= lastMapSymbol) {
                n = lastMapSymbol;
            }
            for (; n >= 0; n--) {
                if (Long.compareUnsigned(symbols.get(n).value(), section.address()) < 0) {
                    break;
                }
                if (mapState(n, section)) {
                    symbol = n;
                    break;
                }
            }
        }
        lastMapSymbol = symbol;
        lastStopOffset = stopOffset;
        return data;
    }

    /** riscv_data_length: how many bytes of data to print at {@code memaddr} (1, 2 or 4). */
    int dataLength(long memaddr, ElfSection section) {
        long length = 4;
        boolean found = false;
        if (symbols.count() != 0 && lastMapSymbol >= 0) {
            boolean saved = data;
            for (int n = lastMapSymbol + 1; n < symbols.count(); n++) {
                long addr = symbols.get(n).value();
                if (Long.compareUnsigned(addr, memaddr) > 0 && mapState(n, section)) {
                    if (Long.compareUnsigned(addr - memaddr, length) < 0) {
                        length = addr - memaddr;
                    }
                    found = true;
                    break;
                }
            }
            data = saved;
        }
        if (!found) {
            long left = section.address() + section.size() - memaddr;
            if (Long.compareUnsigned(left, length) < 0) {
                length = left;
            }
        }
        return length == 3 ? 2 : (int) length;
    }

    /** riscv_get_map_state: whether symbol {@code n} is a mapping symbol of this section; updates the state. */
    private boolean mapState(int n, ElfSection section) {
        SymbolLookup.Sym s = symbols.get(n);
        if (s.section() != section.index()) {
            return false;
        }
        String name = s.name();
        if (name.equals("$x")) {
            data = false;
        } else if (name.equals("$d")) {
            data = true;
        } else if (name.startsWith("$xrv")) {
            data = false;
            arch = name.substring(2);
        } else {
            return false;
        }
        return true;
    }
}
