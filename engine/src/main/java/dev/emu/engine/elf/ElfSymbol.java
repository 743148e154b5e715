package dev.emu.engine.elf;

/**
 * One symbol table entry. {@code sectionIndex} is already resolved through SHT_SYMTAB_SHNDX
 * when the entry says SHN_XINDEX; the special values SHN_UNDEF, SHN_ABS and SHN_COMMON stay as
 * they are.
 *
 * @param index the entry's index in its table (entry 0, the null symbol, is never returned)
 */
public record ElfSymbol(int index, String name, long value, long size, int type, int binding, int visibility,
                        int sectionIndex) {
    public static final int STT_NOTYPE = 0;
    public static final int STT_OBJECT = 1;
    public static final int STT_FUNC = 2;
    public static final int STT_SECTION = 3;
    public static final int STT_FILE = 4;
    public static final int STT_COMMON = 5;
    public static final int STT_TLS = 6;
    public static final int STT_GNU_IFUNC = 10;

    public static final int STB_LOCAL = 0;
    public static final int STB_GLOBAL = 1;
    public static final int STB_WEAK = 2;
    public static final int STB_GNU_UNIQUE = 10;

    public static final int SHN_UNDEF = 0;
    public static final int SHN_LORESERVE = 0xff00;
    public static final int SHN_ABS = 0xfff1;
    public static final int SHN_COMMON = 0xfff2;
    public static final int SHN_XINDEX = 0xffff;

    public boolean isUndefined() {
        return sectionIndex == SHN_UNDEF;
    }

    public boolean isAbsolute() {
        return sectionIndex == SHN_ABS;
    }

    public boolean isCommon() {
        return sectionIndex == SHN_COMMON;
    }

    public boolean isFunction() {
        return type == STT_FUNC || type == STT_GNU_IFUNC;
    }
}
