package dev.emu.engine.elf;

/**
 * One program header (segment): what the loader maps. Sizes and addresses are unsigned 64-bit
 * values held in {@code long}s.
 */
public record ElfProgramHeader(int index, int type, int flags, long offset, long virtualAddress,
                               long physicalAddress, long fileSize, long memorySize, long align) {
    public static final int PT_NULL = 0;
    public static final int PT_LOAD = 1;
    public static final int PT_DYNAMIC = 2;
    public static final int PT_INTERP = 3;
    public static final int PT_NOTE = 4;
    public static final int PT_SHLIB = 5;
    public static final int PT_PHDR = 6;
    public static final int PT_TLS = 7;
    public static final int PT_GNU_EH_FRAME = 0x6474e550;
    public static final int PT_GNU_STACK = 0x6474e551;
    public static final int PT_GNU_RELRO = 0x6474e552;
    public static final int PT_GNU_PROPERTY = 0x6474e553;
    public static final int PT_RISCV_ATTRIBUTES = 0x70000003;

    public static final int PF_X = 1;
    public static final int PF_W = 2;
    public static final int PF_R = 4;

    public boolean isLoad() {
        return type == PT_LOAD;
    }

    public boolean readable() {
        return (flags & PF_R) != 0;
    }

    public boolean writable() {
        return (flags & PF_W) != 0;
    }

    public boolean executable() {
        return (flags & PF_X) != 0;
    }
}
