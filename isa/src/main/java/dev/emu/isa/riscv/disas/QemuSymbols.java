package dev.emu.isa.riscv.disas;

import dev.emu.engine.elf.ElfFile;
import dev.emu.engine.elf.ElfSymbol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The symbol qemu-user names in a {@code -d in_asm} block header ({@code IN: main}), chosen as
 * qemu 7.2 chooses it, so the headers of the two logs agree even where symbols alias.
 *
 * <p>qemu's ELF loader keeps only the defined function symbols of .symtab, dropping the others
 * by moving the table's last entry into their place (the null entry 0 included), adds the load
 * bias, sorts by address with glibc's stable merge sort, and finds an address by binary search
 * for a symbol whose [value, value + size) holds it: zero-sized symbols never match, and among
 * overlapping ones the search's path decides.
 */
final class QemuSymbols {
    private record Entry(String name, long value, long size) {}

    private final Entry[] sorted;

    QemuSymbols(ElfFile elf, long loadBias) {
        List<ElfSymbol> table = new ArrayList<>();
        table.add(null); // the null symbol, which the filter drops like any other
        table.addAll(elf.symbols());
        int n = table.size();
        for (int i = 0; i < n; ) {
            if (kept(table.get(i))) {
                i++;
            } else if (i < --n) {
                table.set(i, table.get(n));
            }
        }
        List<Entry> entries = new ArrayList<>(n);
        for (ElfSymbol s : table.subList(0, n)) {
            entries.add(new Entry(s.name(), s.value() + loadBias, s.size()));
        }
        entries.sort(Comparator.comparing(Entry::value, Long::compareUnsigned));
        sorted = entries.toArray(Entry[]::new);
    }

    private static boolean kept(ElfSymbol s) {
        return s != null && s.sectionIndex() != ElfSymbol.SHN_UNDEF && s.sectionIndex() < ElfSymbol.SHN_LORESERVE
                && s.type() == ElfSymbol.STT_FUNC;
    }

    /** The name of the function holding {@code address}, or "" (glibc's bsearch with qemu's symfind). */
    String lookup(long address) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            Entry e = sorted[middle];
            if (Long.compareUnsigned(address, e.value) < 0) {
                high = middle;
            } else if (Long.compareUnsigned(address, e.value + e.size) >= 0) {
                low = middle + 1;
            } else {
                return e.name;
            }
        }
        return "";
    }
}
