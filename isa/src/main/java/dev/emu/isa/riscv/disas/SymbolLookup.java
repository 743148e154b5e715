package dev.emu.isa.riscv.disas;

import dev.emu.engine.elf.ElfFile;
import dev.emu.engine.elf.ElfSection;
import dev.emu.engine.elf.ElfSymbol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * objdump's view of an ELF file's symbols while it disassembles: the symbols it keeps
 * ({@code remove_useless_symbols}), their order ({@code compare_symbols}, which depends on the
 * section being disassembled), the symbol it names an address after
 * ({@code find_symbol_for_address}) and how it prints {@code 10098 <main+0x20>}.
 *
 * <p>Like objdump, one array is re-sorted in place for each code section, and a stable sort
 * keeps the order of symbols the comparison cannot tell apart, as glibc's merge sort does.
 * The symbol table is .symtab, or .dynsym for a stripped file, plus the {@code @plt} symbols
 * of {@link DynamicSymbols}.
 */
final class SymbolLookup implements AddressFormatter {
    static final int LOCAL = 1;
    static final int GLOBAL = 2;
    static final int DEBUGGING = 4;
    static final int FUNCTION = 8;
    static final int OBJECT = 16;
    static final int SECTION_SYM = 32;
    static final int FILE = 64;
    static final int SYNTHETIC = 128;

    static final int UNDEFINED = -1;
    static final int ABSOLUTE = -2;
    static final int COMMON = -3;

    /**
     * One kept symbol. {@code section} is an ELF section index or one of the negative specials;
     * {@code rawValue} is BFD's section-relative value; {@code version} the suffix objdump prints.
     */
    record Sym(String name, long value, long rawValue, long size, int flags, int section, String sectionName,
               String version) {}

    private final Sym[] sorted;
    private final boolean hasRelocs;
    private final boolean executable;
    private final DynamicSymbols dynamic;
    private ElfSection current;
    private boolean exactInSection;
    private boolean wantedSection;

    SymbolLookup(ElfFile elf) {
        List<ElfSection> sections = elf.sections();
        boolean stripped = elf.symbols().isEmpty();
        dynamic = elf.dynamicSymbols().isEmpty() ? null : new DynamicSymbols(elf);
        List<Sym> kept = new ArrayList<>();
        for (ElfSymbol s : stripped ? elf.dynamicSymbols() : elf.symbols()) {
            String version = stripped ? dynamic.version(s) : "";
            Sym sym = convert(s, sections, elf.type() == ElfFile.ET_REL, version);
            if (useful(sym)) {
                kept.add(sym);
            }
        }
        if (dynamic != null) {
            kept.addAll(dynamic.pltSymbols());
        }
        sorted = kept.toArray(Sym[]::new);
        hasRelocs = hasRelocations(sections);
        executable = elf.type() == ElfFile.ET_EXEC || elf.type() == ElfFile.ET_DYN;
    }

    /** Sorts for disassembling {@code section}; symbols of that section come first among equals. */
    void startSection(ElfSection section) {
        current = section;
        String name = section.name();
        Comparator<Sym> order = (a, b) -> {
            int c = Long.compareUnsigned(a.value, b.value);
            return c != 0 ? c : compareSame(a, b, name);
        };
        Arrays.sort(sorted, order);
    }

    int count() {
        return sorted.length;
    }

    Sym get(int place) {
        return sorted[place];
    }

    ElfSection section() {
        return current;
    }

    /** The value of the last {@code __global_pointer$} in sorted order, as riscv-dis.c picks it. */
    Long globalPointer() {
        Long gp = null;
        for (Sym s : sorted) {
            if (s.name.equals("__global_pointer$")) {
                gp = s.value;
            }
        }
        return gp;
    }

    /** riscv-dis.c's {@code riscv_symbol_is_valid}: not a mapping symbol, not the assembler's fake label. */
    static boolean valid(Sym s) {
        return !s.name.equals(".L0 ") && !s.name.startsWith("$d") && !s.name.startsWith("$x");
    }

    /**
     * The index of the symbol objdump names {@code vma} after, or -1 for none.
     * {@code requireSection}: only symbols of the current section qualify.
     */
    int find(long vma, boolean requireSection) {
        int n = sorted.length;
        if (n < 1) {
            return -1;
        }
        int min = 0;
        int max = n;
        while (min + 1 < max) {
            int mid = (max + min) / 2;
            long v = sorted[mid].value;
            if (Long.compareUnsigned(v, vma) > 0) {
                max = mid;
            } else if (Long.compareUnsigned(v, vma) < 0) {
                min = mid;
            } else {
                min = mid;
                break;
            }
        }
        int place = min;
        while (place > 0 && sorted[place].value == sorted[place - 1].value) {
            place--;
        }
        // Prefer a symbol of the current section among those with this value.
        min = place;
        exactInSection = true;
        while (min < max && sorted[min].value == sorted[place].value) {
            if (ok(true, min)) {
                return min;
            }
            min++;
        }
        exactInSection = false;
        boolean wantSection = requireSection || (hasRelocs && current.containsAddress(vma));
        wantedSection = wantSection;
        if (!ok(wantSection, place)) {
            int newPlace = n;
            for (int i = min - 1; i >= 0; i--) {
                if (ok(wantSection, i)) {
                    if (newPlace == n) {
                        newPlace = i;
                    }
                    if (sorted[i].value != sorted[newPlace].value) {
                        break;
                    }
                    newPlace = i;
                }
            }
            if (newPlace != n) {
                place = newPlace;
            } else {
                for (int i = place + 1; i < n; i++) {
                    if (ok(wantSection, i)) {
                        place = i;
                        break;
                    }
                }
            }
            if (!ok(wantSection, place)) {
                return -1;
            }
        }
        return place;
    }

    private boolean ok(boolean wantSection, int place) {
        Sym s = sorted[place];
        if (wantSection && s.section != current.index()) {
            return false;
        }
        return valid(s);
    }

    /** A branch target or {@code # address} comment: {@code 10098 <main+0x20>}, or {@code 0x10098} without symbols. */
    @Override
    public String format(long address) {
        if (sorted.length < 1) {
            return "0x" + Long.toHexString(address);
        }
        int place = find(address, false);
        Sym sym = place < 0 ? null : sorted[place];
        // Away from a symbol's own address, the symbol of a dynamic relocation there names it better.
        if (sym != null && !exactInSection && !wantedSection && dynamic != null && sym.rawValue != address
                && (sym.flags & SYNTHETIC) == 0) {
            Sym reloc = dynamic.relocationSymbol(address);
            if (reloc != null) {
                sym = reloc;
            }
        }
        return withSymbol(sym, address, true);
    }

    /** objdump_print_addr_with_sym: the address, a space, and {@code <symbol+0xoffset>} or {@code <section+0xoffset>}. */
    String withSymbol(Sym sym, long vma, boolean skipZeroes) {
        StringBuilder b = new StringBuilder(40);
        b.append(skipZeroes ? Long.toHexString(vma) : String.format("%016x", vma)).append(" <");
        long base;
        if (sym == null) {
            b.append(sanitize(current.name()));
            base = current.address();
        } else {
            b.append(sanitize(sym.name));
            if ((sym.flags & (SECTION_SYM | SYNTHETIC)) == 0) {
                b.append(sym.version);
            }
            base = sym.value;
            if (executable && sym.section == UNDEFINED) {
                base = vma;
            }
        }
        if (Long.compareUnsigned(base, vma) > 0) {
            b.append("-0x").append(Long.toHexString(base - vma));
        } else if (Long.compareUnsigned(vma, base) > 0) {
            b.append("+0x").append(Long.toHexString(vma - base));
        }
        return b.append('>').toString();
    }

    /** objdump's sanitize_string: control characters print as {@code ^X}. */
    static String sanitize(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20) {
                StringBuilder b = new StringBuilder();
                for (char c : s.toCharArray()) {
                    if (c < 0x20) {
                        b.append('^').append((char) (c + 0x40));
                    } else {
                        b.append(c);
                    }
                }
                return b.toString();
            }
        }
        return s;
    }

    /** compare_symbols for two symbols with the same value. */
    private static int compareSame(Sym a, Sym b, String sectionName) {
        boolean as = a.sectionName.equals(sectionName);
        boolean bs = b.sectionName.equals(sectionName);
        if (as != bs) {
            return as ? -1 : 1;
        }
        boolean af = a.name.contains("gnu_compiled") || a.name.contains("gcc2_compiled");
        boolean bf = b.name.contains("gnu_compiled") || b.name.contains("gcc2_compiled");
        if (af != bf) {
            return af ? 1 : -1;
        }
        af = fileSymbol(a);
        bf = fileSymbol(b);
        if (af != bf) {
            return af ? 1 : -1;
        }
        int[] order = {DEBUGGING, SECTION_SYM, FUNCTION, OBJECT, LOCAL, GLOBAL};
        int[] sign = {1, 1, -1, -1, 1, -1};
        for (int i = 0; i < order.length; i++) {
            boolean fa = (a.flags & order[i]) != 0;
            boolean fb = (b.flags & order[i]) != 0;
            if (fa != fb) {
                return fa ? sign[i] : -sign[i];
            }
        }
        long asz = (a.flags & (SECTION_SYM | SYNTHETIC)) == 0 ? a.size : 0;
        long bsz = (b.flags & (SECTION_SYM | SYNTHETIC)) == 0 ? b.size : 0;
        if (asz != bsz) {
            return Long.compareUnsigned(asz, bsz) > 0 ? -1 : 1;
        }
        boolean ad = a.name.startsWith(".");
        boolean bd = b.name.startsWith(".");
        if (ad != bd) {
            return ad ? 1 : -1;
        }
        return compareBytes(a.name, b.name);
    }

    private static boolean fileSymbol(Sym s) {
        int n = s.name.length();
        return (s.flags & FILE) != 0
                || (n > 2 && s.name.charAt(n - 2) == '.' && (s.name.charAt(n - 1) == 'o' || s.name.charAt(n - 1) == 'a'));
    }

    /** strcmp order: unsigned bytes of the UTF-8 names. */
    private static int compareBytes(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** What BFD makes of an ELF symbol: its flags, its section, and section symbols named after their section. */
    static Sym convert(ElfSymbol s, List<ElfSection> sections, boolean relocatable, String version) {
        int section;
        String sectionName;
        long value = s.value();
        long raw = s.value();
        if (s.sectionIndex() == ElfSymbol.SHN_UNDEF) {
            section = UNDEFINED;
            sectionName = "*UND*";
        } else if (s.sectionIndex() == ElfSymbol.SHN_COMMON) {
            section = COMMON;
            sectionName = "*COM*";
        } else if (s.sectionIndex() < sections.size() && s.sectionIndex() != ElfSymbol.SHN_ABS
                && bfdSection(sections.get(s.sectionIndex()))) {
            section = s.sectionIndex();
            sectionName = sections.get(section).name();
            if (relocatable) {
                value += sections.get(section).address();
            } else {
                raw -= sections.get(section).address();
            }
        } else {
            section = ABSOLUTE;
            sectionName = "*ABS*";
        }
        if (section == COMMON) {
            value = s.size();
            raw = s.size();
        }
        int flags = switch (s.binding()) {
            case ElfSymbol.STB_LOCAL -> LOCAL;
            case ElfSymbol.STB_GLOBAL -> section == UNDEFINED || section == COMMON ? 0 : GLOBAL;
            default -> 0;
        };
        flags |= switch (s.type()) {
            case ElfSymbol.STT_SECTION -> SECTION_SYM | DEBUGGING;
            case ElfSymbol.STT_FILE -> FILE | DEBUGGING;
            case ElfSymbol.STT_FUNC -> FUNCTION;
            case ElfSymbol.STT_OBJECT, ElfSymbol.STT_COMMON -> OBJECT;
            default -> 0;
        };
        String name = s.name();
        if (name.isEmpty() && s.type() == ElfSymbol.STT_SECTION && section >= 0) {
            name = sectionName;
        }
        return new Sym(name, value, raw, s.size(), flags, section, sectionName, version);
    }

    /** Sections BFD represents as sections; symbols pointing elsewhere count as absolute. */
    private static boolean bfdSection(ElfSection s) {
        return switch (s.type()) {
            case ElfSection.SHT_NULL, ElfSection.SHT_SYMTAB, ElfSection.SHT_SYMTAB_SHNDX -> false;
            case ElfSection.SHT_STRTAB, ElfSection.SHT_REL, ElfSection.SHT_RELA -> s.isAlloc();
            default -> true;
        };
    }

    private static boolean useful(Sym s) {
        if (s.name.isEmpty()) {
            return false;
        }
        if ((s.flags & (DEBUGGING | SECTION_SYM)) != 0 && !s.name.startsWith(".plt") && !s.name.startsWith(".got")) {
            return false;
        }
        return s.section != UNDEFINED && s.section != COMMON;
    }

    /** BFD's HAS_RELOC: relocations against the symbol table (an object file, or ld --emit-relocs). */
    private static boolean hasRelocations(List<ElfSection> sections) {
        for (ElfSection s : sections) {
            if ((s.type() == ElfSection.SHT_RELA || s.type() == ElfSection.SHT_REL) && !s.isAlloc()
                    && s.info() != 0 && s.info() < sections.size()
                    && s.link() < sections.size() && sections.get(s.link()).type() == ElfSection.SHT_SYMTAB) {
                return true;
            }
        }
        return false;
    }
}
