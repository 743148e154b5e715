package dev.emu.engine.elf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A 64-bit little-endian ELF file held in memory: the header, program headers, section headers,
 * symbol tables and attributes. It is what the loader maps and what {@code --disas} lists.
 *
 * <p>Every offset and count read from the file is checked before use, so a truncated or
 * corrupt file fails with an {@link ElfFormatException} (a {@link dev.emu.engine.UserError})
 * whose one-line message says what is wrong, never with an index exception. The header and
 * program headers are checked when the file is opened (the loader needs nothing else); the
 * section table and symbol tables are read, and checked, when first asked for, so a file
 * whose section table is damaged but whose segments are fine can still be loaded, as the
 * kernel would. Not thread-safe.
 */
public final class ElfFile {
    public static final int ET_NONE = 0;
    public static final int ET_REL = 1;
    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;
    public static final int ET_CORE = 4;
    public static final int EM_RISCV = 243;
    /** e_flags bit: the code may contain compressed instructions. */
    public static final int EF_RISCV_RVC = 0x1;

    private static final int EHDR_SIZE = 64;
    private static final int PHDR_SIZE = 56;
    private static final int SHDR_SIZE = 64;
    private static final int SYM_SIZE = 24;

    private final byte[] data;
    private final int type;
    private final int machine;
    private final long entry;
    private final long programHeaderOffset;
    private final int flags;
    private final int osAbi;
    private final long shoff;
    private final int shentsize;
    private final int shnumField;
    private final int shstrndxField;
    private final List<ElfProgramHeader> programHeaders;
    private List<ElfSection> sections;
    private List<ElfSymbol> symbols;
    private List<ElfSymbol> dynamicSymbols;
    private ElfVersions versions;

    private ElfFile(byte[] data) {
        this.data = data;
        if (data.length < 4 || data[0] != 0x7f || data[1] != 'E' || data[2] != 'L' || data[3] != 'F') {
            throw new ElfFormatException("not an ELF file");
        }
        if (data.length < 6) {
            throw new ElfFormatException("truncated ELF header (" + data.length + " bytes)");
        }
        if (data[4] != 2 || data[5] != 1) {
            throw new ElfFormatException("not a 64-bit little-endian ELF (class " + data[4] + ", data " + data[5] + ")");
        }
        if (data.length < EHDR_SIZE) {
            throw new ElfFormatException("truncated ELF header (" + data.length + " bytes, need " + EHDR_SIZE + ")");
        }
        if (data[6] != 1) {
            throw new ElfFormatException("unsupported ELF version " + (data[6] & 0xff));
        }
        osAbi = data[7] & 0xff;
        type = u16(16);
        machine = u16(18);
        entry = u64(24);
        long phoff = u64(32);
        programHeaderOffset = phoff;
        shoff = u64(40);
        flags = (int) u32(48);
        int phentsize = u16(54);
        int phnum = u16(56);
        shentsize = u16(58);
        shnumField = u16(60);
        shstrndxField = u16(62);
        programHeaders = readProgramHeaders(phoff, phentsize, phnum);
    }

    /** Reads and checks the file; errors name the file. */
    public static ElfFile read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ElfFormatException(file + ": no such file");
        }
        try {
            return new ElfFile(bytes);
        } catch (ElfFormatException e) {
            throw new ElfFormatException(file + ": " + e.getMessage());
        }
    }

    /** Checks an ELF image already in memory (the array is not copied: do not change it). */
    public static ElfFile parse(byte[] bytes) {
        return new ElfFile(bytes);
    }

    public int type() {
        return type;
    }

    public int machine() {
        return machine;
    }

    public long entry() {
        return entry;
    }

    /** e_phoff: where the program header table starts in the file (the loader derives AT_PHDR from it). */
    public long programHeaderOffset() {
        return programHeaderOffset;
    }

    public int flags() {
        return flags;
    }

    public int osAbi() {
        return osAbi;
    }

    public long fileSize() {
        return data.length;
    }

    public List<ElfProgramHeader> programHeaders() {
        return programHeaders;
    }

    /** The PT_INTERP path (the dynamic loader a dynamically linked program asks for), if any. */
    public Optional<String> interpreter() {
        for (ElfProgramHeader ph : programHeaders) {
            if (ph.type() == ElfProgramHeader.PT_INTERP) {
                byte[] path = bytes(ph.offset(), ph.fileSize(), "PT_INTERP segment");
                int len = 0;
                while (len < path.length && path[len] != 0) {
                    len++;
                }
                return Optional.of(new String(path, 0, len, StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** The file bytes of a segment ({@code p_filesz} of them). */
    public byte[] contents(ElfProgramHeader ph) {
        return bytes(ph.offset(), ph.fileSize(), "program header " + ph.index());
    }

    /** Raw file bytes [offset, offset+size), checked (the loader maps whole pages around segments). */
    public byte[] bytes(long offset, long size) {
        return bytes(offset, size, "file range");
    }

    /** All section headers, the null section at index 0 included (empty when there is no table). */
    public List<ElfSection> sections() {
        if (sections == null) {
            sections = readSections();
        }
        return sections;
    }

    public Optional<ElfSection> section(String name) {
        for (ElfSection s : sections()) {
            if (s.index() != 0 && s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The file bytes of a section; empty for SHT_NOBITS and SHT_NULL. */
    public byte[] contents(ElfSection s) {
        if (!s.hasFileData()) {
            return new byte[0];
        }
        return bytes(s.offset(), s.size(), "section " + s.name());
    }

    /** The .symtab entries after the null one; empty when the file has been stripped. */
    public List<ElfSymbol> symbols() {
        if (symbols == null) {
            symbols = readSymbols(ElfSection.SHT_SYMTAB);
        }
        return symbols;
    }

    /** The .dynsym entries after the null one; empty for static programs. */
    public List<ElfSymbol> dynamicSymbols() {
        if (dynamicSymbols == null) {
            dynamicSymbols = readSymbols(ElfSection.SHT_DYNSYM);
        }
        return dynamicSymbols;
    }

    /** The entries of an SHT_RELA or SHT_REL section (REL addends read as 0). */
    public List<ElfRelocation> relocations(ElfSection s) {
        boolean rela = s.type() == ElfSection.SHT_RELA;
        if (!rela && s.type() != ElfSection.SHT_REL) {
            throw new IllegalArgumentException(s.name() + " is not a relocation section");
        }
        int size = rela ? 24 : 16;
        if (s.entrySize() != size && s.entrySize() != 0) {
            throw new ElfFormatException("relocation section " + s.name() + " has entry size " + s.entrySize()
                    + " (expected " + size + ")");
        }
        byte[] b = contents(s);
        List<ElfRelocation> list = new ArrayList<>(b.length / size);
        for (int p = 0; p + size <= b.length; p += size) {
            long info = le(b, p + 8, 8);
            list.add(new ElfRelocation(le(b, p, 8), (int) info, (int) (info >>> 32), rela ? le(b, p + 16, 8) : 0));
        }
        return list;
    }

    /** The GNU version tables of the dynamic symbols (empty when the file has none). */
    public ElfVersions versions() {
        if (versions == null) {
            versions = ElfVersions.read(this);
        }
        return versions;
    }

    /** The {@code .riscv.attributes} section's file-scope attributes, if the section exists. */
    public Optional<ElfAttributes> riscvAttributes() {
        return section(".riscv.attributes")
                .map(s -> ElfAttributes.parse(contents(s), s.name(), "riscv"));
    }

    private List<ElfProgramHeader> readProgramHeaders(long phoff, int phentsize, int phnum) {
        if (phnum == 0) {
            return List.of();
        }
        if (phentsize != PHDR_SIZE) {
            throw new ElfFormatException("bad program header size " + phentsize + " (expected " + PHDR_SIZE + ")");
        }
        checkRange(phoff, (long) phnum * PHDR_SIZE, "program header table");
        List<ElfProgramHeader> list = new ArrayList<>(phnum);
        for (int i = 0; i < phnum; i++) {
            int p = (int) phoff + i * PHDR_SIZE;
            list.add(new ElfProgramHeader(i, (int) u32(p), (int) u32(p + 4), u64(p + 8), u64(p + 16), u64(p + 24),
                    u64(p + 32), u64(p + 40), u64(p + 48)));
        }
        return List.copyOf(list);
    }

    private List<ElfSection> readSections() {
        if (shoff == 0) {
            return List.of();
        }
        if (shentsize != SHDR_SIZE) {
            throw new ElfFormatException("bad section header size " + shentsize + " (expected " + SHDR_SIZE + ")");
        }
        checkRange(shoff, SHDR_SIZE, "section header table");
        // With 0xff00 or more sections, e_shnum is 0 and e_shstrndx is SHN_XINDEX; section 0 holds both.
        long count = shnumField != 0 ? shnumField : u64((int) shoff + 32);
        long strndx = shstrndxField != ElfSymbol.SHN_XINDEX ? shstrndxField : u32((int) shoff + 40);
        if (count > Integer.MAX_VALUE / SHDR_SIZE) {
            throw new ElfFormatException("section header table extends past the end of the file");
        }
        checkRange(shoff, count * SHDR_SIZE, "section header table");
        if (strndx != 0 && strndx >= count) {
            throw new ElfFormatException("section name table index " + strndx + " is out of range (" + count + " sections)");
        }
        int n = (int) count;
        long[][] raw = new long[n][];
        for (int i = 0; i < n; i++) {
            int p = (int) shoff + i * SHDR_SIZE;
            raw[i] = new long[] {u32(p), u32(p + 4), u64(p + 8), u64(p + 16), u64(p + 24), u64(p + 32),
                u32(p + 40), u32(p + 44), u64(p + 48), u64(p + 56)};
        }
        byte[] names = null;
        if (strndx != 0) {
            long[] s = raw[(int) strndx];
            names = bytes(s[4], s[5], "section name table");
        }
        List<ElfSection> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long[] s = raw[i];
            String name = names == null ? "" : string(names, s[0], "section " + i + " name");
            ElfSection section = new ElfSection(i, name, (int) s[1], s[2], s[3], s[4], s[5], (int) s[6], (int) s[7],
                    s[8], s[9]);
            if (section.hasFileData() && i != 0) {
                checkRange(section.offset(), section.size(), "section " + name);
            }
            list.add(section);
        }
        return List.copyOf(list);
    }

    private List<ElfSymbol> readSymbols(int tableType) {
        ElfSection table = null;
        for (ElfSection s : sections()) {
            if (s.type() == tableType) {
                table = s;
                break;
            }
        }
        if (table == null) {
            return List.of();
        }
        if (table.entrySize() != SYM_SIZE && table.entrySize() != 0) {
            throw new ElfFormatException("symbol table " + table.name() + " has entry size " + table.entrySize()
                    + " (expected " + SYM_SIZE + ")");
        }
        if (table.size() % SYM_SIZE != 0) {
            throw new ElfFormatException("symbol table " + table.name() + " size " + table.size()
                    + " is not a multiple of " + SYM_SIZE);
        }
        if (table.link() <= 0 || table.link() >= sections().size()) {
            throw new ElfFormatException("symbol table " + table.name() + " links to missing string table " + table.link());
        }
        byte[] strings = contents(sections().get(table.link()));
        byte[] shndx = null;
        for (ElfSection s : sections()) {
            if (s.type() == ElfSection.SHT_SYMTAB_SHNDX && s.link() == table.index()) {
                shndx = contents(s);
            }
        }
        byte[] syms = contents(table);
        int n = syms.length / SYM_SIZE;
        List<ElfSymbol> list = new ArrayList<>(Math.max(0, n - 1));
        for (int i = 1; i < n; i++) {
            int p = i * SYM_SIZE;
            long nameOffset = le(syms, p, 4);
            int info = syms[p + 4] & 0xff;
            int other = syms[p + 5] & 0xff;
            int sectionIndex = (int) le(syms, p + 6, 2);
            if (sectionIndex == ElfSymbol.SHN_XINDEX && shndx != null && (long) i * 4 + 4 <= shndx.length) {
                sectionIndex = (int) le(shndx, i * 4, 4);
            }
            String name = string(strings, nameOffset, "symbol " + i + " name in " + table.name());
            list.add(new ElfSymbol(i, name, le(syms, p + 8, 8), le(syms, p + 16, 8), info & 0xf, info >>> 4, other & 0x3,
                    sectionIndex));
        }
        return List.copyOf(list);
    }

    private void checkRange(long offset, long size, String what) {
        if (offset < 0 || size < 0 || offset > data.length || size > data.length - offset) {
            throw new ElfFormatException(what + " extends past the end of the file (offset 0x" + Long.toHexString(offset)
                    + ", size 0x" + Long.toHexString(size) + ", file size 0x" + Integer.toHexString(data.length) + ")");
        }
    }

    private byte[] bytes(long offset, long size, String what) {
        checkRange(offset, size, what);
        return Arrays.copyOfRange(data, (int) offset, (int) (offset + size));
    }

    private static String string(byte[] table, long offset, String what) {
        if (offset < 0 || offset >= table.length) {
            if (offset == 0 && table.length == 0) {
                return "";
            }
            throw new ElfFormatException(what + " is outside its string table (offset " + offset + ")");
        }
        int end = (int) offset;
        while (end < table.length && table[end] != 0) {
            end++;
        }
        return new String(table, (int) offset, end - (int) offset, StandardCharsets.UTF_8);
    }

    private int u16(int p) {
        return (int) le(data, p, 2);
    }

    private long u32(int p) {
        return le(data, p, 4);
    }

    private long u64(int p) {
        return le(data, p, 8);
    }

    private static long le(byte[] b, int p, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (b[p + i] & 0xff);
        }
        return v;
    }
}
