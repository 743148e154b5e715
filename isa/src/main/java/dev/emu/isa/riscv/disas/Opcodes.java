package dev.emu.isa.riscv.disas;

/**
 * Recognisers for the few instructions the address tracker looks at, tested on the raw word
 * whatever row printed it (as objdump does).
 */
final class Opcodes {
    private Opcodes() {}

    static boolean isJalr(int w) { return (w & 0x707f) == 0x0067; }
    static boolean isAddi(int w) { return (w & 0x707f) == 0x0013; }
    static boolean isAddiw(int w) { return (w & 0x707f) == 0x001b; }
    static boolean isAuipc(int w) { return (w & 0x7f) == 0x17; }
    static boolean isLui(int w) { return (w & 0x7f) == 0x37; }
    static boolean isCLui(int w) { return (w & 0xe003) == 0x6001; }
    static boolean isCAddi(int w) { return (w & 0xe003) == 0x0001; }
    static boolean isCAddiw(int w) { return (w & 0xe003) == 0x2001; }
}
