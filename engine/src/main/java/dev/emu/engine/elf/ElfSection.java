package dev.emu.engine.elf;

/**
 * One section header, with its name resolved from the section-name string table. Sizes and
 * addresses are unsigned 64-bit values held in {@code long}s.
 *
 * @param index the section's index in the section header table (0 is the null section)
 */
public record ElfSection(int index, String name, int type, long flags, long address, long offset, long size,
                         int link, int info, long addressAlign, long entrySize) {
    public static final int SHT_NULL = 0;
    public static final int SHT_PROGBITS = 1;
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_STRTAB = 3;
    public static final int SHT_RELA = 4;
    public static final int SHT_HASH = 5;
    public static final int SHT_DYNAMIC = 6;
    public static final int SHT_NOTE = 7;
    public static final int SHT_NOBITS = 8;
    public static final int SHT_REL = 9;
    public static final int SHT_DYNSYM = 11;
    public static final int SHT_INIT_ARRAY = 14;
    public static final int SHT_FINI_ARRAY = 15;
    public static final int SHT_PREINIT_ARRAY = 16;
    public static final int SHT_GROUP = 17;
    public static final int SHT_SYMTAB_SHNDX = 18;
    public static final int SHT_RISCV_ATTRIBUTES = 0x70000003;

    public static final long SHF_WRITE = 0x1;
    public static final long SHF_ALLOC = 0x2;
    public static final long SHF_EXECINSTR = 0x4;
    public static final long SHF_TLS = 0x400;

    public boolean isAlloc() {
        return (flags & SHF_ALLOC) != 0;
    }

    public boolean isWritable() {
        return (flags & SHF_WRITE) != 0;
    }

    /** SHF_EXECINSTR: what objdump calls a code section. */
    public boolean isExecutable() {
        return (flags & SHF_EXECINSTR) != 0;
    }

    /** Whether the section occupies bytes in the file (everything but SHT_NULL and SHT_NOBITS). */
    public boolean hasFileData() {
        return type != SHT_NOBITS && type != SHT_NULL;
    }

    /** The first address after the section. */
    public long endAddress() {
        return address + size;
    }

    public boolean containsAddress(long addr) {
        return Long.compareUnsigned(addr, address) >= 0 && Long.compareUnsigned(addr - address, size) < 0;
    }
}
