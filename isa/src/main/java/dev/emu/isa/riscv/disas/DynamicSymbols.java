package dev.emu.isa.riscv.disas;

import dev.emu.engine.elf.ElfFile;
import dev.emu.engine.elf.ElfRelocation;
import dev.emu.engine.elf.ElfSection;
import dev.emu.engine.elf.ElfSymbol;
import dev.emu.engine.elf.ElfVersions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What objdump adds for dynamically linked files: {@code name@plt} symbols for the PLT entries
 * (BFD's synthetic symbols, one per {@code .rela.plt} entry, 16 bytes each after a 32-byte
 * header), the symbol of a dynamic relocation at an address (so a GOT slot prints as
 * {@code <puts@GLIBC_2.27>}), and version suffixes ({@code @VER} for needed or hidden versions,
 * {@code @@VER} for default ones) of dynamic symbols.
 */
final class DynamicSymbols {
    private static final int PLT_HEADER_SIZE = 32;
    private static final int PLT_ENTRY_SIZE = 16;

    private record Reloc(long address, SymbolLookup.Sym symbol) {}

    private final ElfFile elf;
    private final List<ElfSymbol> dynsyms;
    private final ElfVersions versions;
    private final List<Reloc> relocs = new ArrayList<>();

    DynamicSymbols(ElfFile elf) {
        this.elf = elf;
        this.dynsyms = elf.dynamicSymbols();
        this.versions = elf.versions();
        int dynsymIndex = dynsymSection().map(ElfSection::index).orElse(-1);
        if (dynsymIndex < 0) {
            return;
        }
        for (ElfSection s : elf.sections()) {
            if (isRelocations(s) && s.link() == dynsymIndex) {
                for (ElfRelocation r : elf.relocations(s)) {
                    relocs.add(new Reloc(r.offset(), symbol(r.symbolIndex())));
                }
            }
        }
        relocs.sort(Comparator.comparing(Reloc::address, Long::compareUnsigned));
    }

    /** BFD's synthetic {@code @plt} symbols. */
    List<SymbolLookup.Sym> pltSymbols() {
        List<SymbolLookup.Sym> list = new ArrayList<>();
        Optional<ElfSection> relplt = elf.section(".rela.plt");
        Optional<ElfSection> plt = elf.section(".plt");
        Optional<ElfSection> dynsym = dynsymSection();
        if (dynsyms.isEmpty() || relplt.isEmpty() || plt.isEmpty() || dynsym.isEmpty()
                || relplt.get().link() != dynsym.get().index() || !isRelocations(relplt.get())
                || (elf.type() != ElfFile.ET_EXEC && elf.type() != ElfFile.ET_DYN)) {
            return list;
        }
        ElfSection p = plt.get();
        List<ElfRelocation> entries = elf.relocations(relplt.get());
        for (int i = 0; i < entries.size(); i++) {
            ElfRelocation r = entries.get(i);
            SymbolLookup.Sym target = symbol(r.symbolIndex());
            long addr = p.address() + PLT_HEADER_SIZE + (long) i * PLT_ENTRY_SIZE;
            String name = target == null ? "*ABS*" : target.name();
            if (r.addend() != 0) {
                name += "+0x" + Long.toHexString(r.addend());
            }
            int flags = target == null ? SymbolLookup.SECTION_SYM : target.flags();
            if ((flags & SymbolLookup.LOCAL) == 0) {
                flags |= SymbolLookup.GLOBAL;
            }
            list.add(new SymbolLookup.Sym(name + "@plt", addr, addr - p.address(), 0, flags | SymbolLookup.SYNTHETIC,
                    p.index(), p.name(), ""));
        }
        return list;
    }

    /**
     * The symbol of the first dynamic relocation at exactly {@code vma} whose symbol is not
     * absolute, or null; objdump consults this only when {@code vma} is within the relocations' range.
     */
    SymbolLookup.Sym relocationSymbol(long vma) {
        if (relocs.isEmpty() || Long.compareUnsigned(relocs.get(0).address, vma) > 0
                || Long.compareUnsigned(relocs.get(relocs.size() - 1).address, vma) < 0) {
            return null;
        }
        int lo = 0;
        int hi = relocs.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(relocs.get(mid).address, vma) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int i = lo; i < relocs.size() && relocs.get(i).address == vma; i++) {
            SymbolLookup.Sym s = relocs.get(i).symbol;
            if (s != null && s.section() != SymbolLookup.ABSOLUTE) {
                return s;
            }
        }
        return null;
    }

    /** The dynamic symbol a relocation names (null for index 0, BFD's absolute-section symbol). */
    private SymbolLookup.Sym symbol(int index) {
        if (index <= 0 || index > dynsyms.size()) {
            return null;
        }
        ElfSymbol s = dynsyms.get(index - 1);
        return SymbolLookup.convert(s, elf.sections(), elf.type() == ElfFile.ET_REL, version(s));
    }

    /** bfd_get_symbol_version_string as objdump asks for it (base versions print as {@code Base}). */
    String version(ElfSymbol s) {
        if (!versions.present()) {
            return "";
        }
        int v = versions.versym(s.index());
        boolean hidden = (v & ElfVersions.HIDDEN) != 0;
        v &= 0x7fff;
        String name;
        if (v == 0) {
            name = "";
        } else if (v == 1 && (v > versions.definitionCount() || definitionFlags(1) == ElfVersions.VER_FLG_BASE)) {
            name = "Base";
        } else if (v <= versions.definitionCount()) {
            ElfVersions.Definition d = versions.definition(v);
            name = d == null || d.name() == null ? "" : d.name();
        } else {
            name = "<corrupt>";
            String needed = versions.needed(v);
            if (needed != null) {
                hidden = true;
                name = needed;
            }
        }
        if (s.isUndefined()) {
            hidden = true;
        }
        return name.isEmpty() ? "" : (hidden ? "@" : "@@") + name;
    }

    private int definitionFlags(int index) {
        ElfVersions.Definition d = versions.definition(index);
        return d == null ? 0 : d.flags();
    }

    private Optional<ElfSection> dynsymSection() {
        return elf.sections().stream().filter(s -> s.type() == ElfSection.SHT_DYNSYM).findFirst();
    }

    private static boolean isRelocations(ElfSection s) {
        return s.type() == ElfSection.SHT_RELA || s.type() == ElfSection.SHT_REL;
    }
}
