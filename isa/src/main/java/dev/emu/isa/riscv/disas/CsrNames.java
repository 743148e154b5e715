package dev.emu.isa.riscv.disas;

/**
 * The CSR names objdump 2.40 prints for a csr operand, as it chooses them when the file says
 * nothing about the privileged specification: the newest one it knows (1.12). Under that
 * version the CSRs dropped earlier (the N extension's user trap CSRs, sedeleg/sideleg,
 * mbase/mbound and friends) and the pre-1.10 spellings (sptbr, sbadaddr, mbadaddr, ...) have
 * no name, and where the debug specification gives one register several names (tdata1 is
 * also mcontrol, icount, ...) objdump keeps the first it declares. Every extension's CSRs
 * are named whatever the architecture: objdump does not filter them by extension. A number
 * without a name prints as hex.
 *
 * <p>The entries are grouped by owner; a run of consecutive numbers is one {@code names}
 * call, and the numbered banks (hpmcounter3..31, pmpaddr0..63, ...) are {@code bank} calls.
 */
final class CsrNames {
    private CsrNames() {}

    private static final String[] NAMES = new String[4096];

    static {
        // ---- unprivileged: floating point, vector, entropy source ----
        names(0x001, "fflags", "frm", "fcsr");
        names(0x008, "vstart", "vxsat", "vxrm");
        names(0x00f, "vcsr");
        names(0x015, "seed");
        names(0xc20, "vl", "vtype", "vlenb");

        // ---- unprivileged counters and their RV32 upper halves ----
        names(0xc00, "cycle", "time", "instret");
        bank(0xc03, "hpmcounter", 3, 31, "");
        names(0xc80, "cycleh", "timeh", "instreth");
        bank(0xc83, "hpmcounter", 3, 31, "h");

        // ---- supervisor ----
        names(0x100, "sstatus");
        names(0x104, "sie", "stvec", "scounteren");
        names(0x10a, "senvcfg");
        bank(0x10c, "sstateen", 0, 3, "");
        names(0x114, "sieh");
        names(0x140, "sscratch", "sepc", "scause", "stval", "sip");
        names(0x14d, "stimecmp");
        names(0x150, "siselect", "sireg");
        names(0x154, "siph");
        names(0x15c, "stopei", "stimecmph");
        names(0x180, "satp");
        names(0x5a8, "scontext");
        names(0xda0, "scountovf");
        names(0xdb0, "stopi");

        // ---- hypervisor: the virtual supervisor copies ----
        names(0x200, "vsstatus");
        names(0x204, "vsie", "vstvec");
        names(0x214, "vsieh");
        names(0x240, "vsscratch", "vsepc", "vscause", "vstval", "vsip");
        names(0x24d, "vstimecmp");
        names(0x250, "vsiselect", "vsireg");
        names(0x254, "vsiph");
        names(0x25c, "vstopei", "vstimecmph");
        names(0x280, "vsatp");
        names(0xeb0, "vstopi");

        // ---- hypervisor proper ----
        names(0x600, "hstatus");
        names(0x602, "hedeleg", "hideleg", "hie", "htimedelta", "hcounteren", "hgeie", "hvien", "hvictl",
                "henvcfg");
        bank(0x60c, "hstateen", 0, 3, "");
        names(0x613, "hidelegh");
        names(0x615, "htimedeltah");
        names(0x618, "hvienh");
        names(0x61a, "henvcfgh");
        bank(0x61c, "hstateen", 0, 3, "h");
        names(0x643, "htval", "hip", "hvip", "hviprio1", "hviprio2");
        names(0x64a, "htinst");
        names(0x655, "hviph", "hviprio1h", "hviprio2h");
        names(0x680, "hgatp");
        names(0x6a8, "hcontext");
        names(0xe12, "hgeip");

        // ---- machine: information, trap setup and handling ----
        names(0xf11, "mvendorid", "marchid", "mimpid", "mhartid", "mconfigptr");
        names(0xfb0, "mtopi");
        names(0x300, "mstatus", "misa", "medeleg", "mideleg", "mie", "mtvec", "mcounteren");
        names(0x308, "mvien", "mvip", "menvcfg");
        bank(0x30c, "mstateen", 0, 3, "");
        names(0x310, "mstatush");
        names(0x313, "midelegh", "mieh");
        names(0x318, "mvienh", "mviph", "menvcfgh");
        bank(0x31c, "mstateen", 0, 3, "h");
        names(0x320, "mcountinhibit");
        names(0x340, "mscratch", "mepc", "mcause", "mtval", "mip");
        names(0x34a, "mtinst", "mtval2");
        names(0x350, "miselect", "mireg");
        names(0x354, "miph");
        names(0x35c, "mtopei");
        names(0x747, "mseccfg");
        names(0x757, "mseccfgh");

        // ---- machine: memory protection ----
        bank(0x3a0, "pmpcfg", 0, 15, "");
        bank(0x3b0, "pmpaddr", 0, 63, "");

        // ---- machine: counters and event selectors (mcycle/minstret, no mtime CSR) ----
        names(0xb00, "mcycle");
        names(0xb02, "minstret");
        bank(0xb03, "mhpmcounter", 3, 31, "");
        names(0xb80, "mcycleh");
        names(0xb82, "minstreth");
        bank(0xb83, "mhpmcounter", 3, 31, "h");
        bank(0x323, "mhpmevent", 3, 31, "");
        bank(0x723, "mhpmevent", 3, 31, "h");

        // ---- debug: triggers and debug mode ----
        names(0x7a0, "tselect", "tdata1", "tdata2", "tdata3", "tinfo", "tcontrol");
        names(0x7a8, "mcontext");
        names(0x7aa, "mscontext");
        names(0x7b0, "dcsr", "dpc", "dscratch0", "dscratch1");
    }

    /** Names consecutive CSR numbers starting at {@code first}. */
    private static void names(int first, String... names) {
        for (int i = 0; i < names.length; i++) {
            put(first + i, names[i]);
        }
    }

    /** A numbered bank: {@code prefix + n + suffix} for n = from..to at first, first+1, ... */
    private static void bank(int first, String prefix, int from, int to, String suffix) {
        for (int n = from; n <= to; n++) {
            put(first + n - from, prefix + n + suffix);
        }
    }

    private static void put(int number, String name) {
        if (NAMES[number] != null) {
            throw new IllegalStateException("CSR 0x" + Integer.toHexString(number) + " named twice: "
                    + NAMES[number] + ", " + name);
        }
        NAMES[number] = name;
    }

    /** The name objdump prints for CSR {@code csr} (0..4095), or {@code null} for hex. */
    static String name(int csr) {
        return NAMES[csr];
    }
}
