package dev.emu.engine.elf;

/**
 * One relocation entry of an SHT_RELA or SHT_REL section (REL entries have addend 0).
 *
 * @param symbolIndex index into the symbol table the relocation section links to; 0 for none
 */
public record ElfRelocation(long offset, int type, int symbolIndex, long addend) {
    public static final int R_RISCV_64 = 2;
    public static final int R_RISCV_RELATIVE = 3;
    public static final int R_RISCV_COPY = 4;
    public static final int R_RISCV_JUMP_SLOT = 5;
    public static final int R_RISCV_IRELATIVE = 58;
}
