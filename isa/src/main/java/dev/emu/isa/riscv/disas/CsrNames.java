package dev.emu.isa.riscv.disas;

/** CSR names objdump prints (newest privileged specification). */
final class CsrNames {
    private CsrNames() {}

    private static final String[] NAMES = new String[4096];

    static {
        NAMES[0x001] = "fflags";
        NAMES[0x002] = "frm";
        NAMES[0x003] = "fcsr";
        NAMES[0xc00] = "cycle";
        NAMES[0xc01] = "time";
        NAMES[0xc02] = "instret";
    }

    static String name(int csr) {
        return NAMES[csr];
    }
}
