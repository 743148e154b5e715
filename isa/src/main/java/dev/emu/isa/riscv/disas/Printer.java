package dev.emu.isa.riscv.disas;

import dev.emu.isa.riscv.decode.Fields;

/**
 * Builds the text of one instruction, and keeps the address tracker objdump keeps across
 * instructions: the value each register received from the last {@code lui}/{@code auipc} not
 * yet consumed, and the pending {@code # address} comment.
 */
final class Printer {
    private static final long UNKNOWN = -1L;
    private static final String[] ROUNDING = {"rne", "rtz", "rdn", "rup", "rmm", null, null, "dyn"};
    private static final String[] FENCE_SETS = {
        null, "w", "r", "rw", "o", "ow", "or", "orw", "i", "iw", "ir", "irw", "io", "iow", "ior", "iorw",
    };

    private final DisasOptions options;
    private final AddressFormatter addresses;
    private final long[] upper = new long[32];
    private final StringBuilder out = new StringBuilder(48);
    private long pc;
    private long pendingAddress;
    private boolean hasPendingAddress;

    Printer(DisasOptions options, AddressFormatter addresses) {
        this.options = options;
        this.addresses = addresses;
        java.util.Arrays.fill(upper, UNKNOWN);
    }

    void start(long pc) {
        this.pc = pc;
        out.setLength(0);
        hasPendingAddress = false;
    }

    String finish() {
        if (hasPendingAddress) {
            out.append(" # ").append(addresses.format(pendingAddress));
            hasPendingAddress = false;
        }
        return out.toString();
    }

    void text(String s) {
        out.append(s);
    }

    void gpr(int r) {
        out.append(RegisterNames.gpr(r, options.numericRegisters()));
    }

    void fpr(int r) {
        out.append(RegisterNames.fpr(r, options.numericRegisters()));
    }

    void hex(int value) {
        out.append("0x").append(Integer.toHexString(value));
    }

    void target(int offset) {
        out.append(addresses.format(pc + offset));
    }

    void csr(int number) {
        String name = CsrNames.name(number);
        if (name != null) {
            out.append(name);
        } else {
            hex(number);
        }
    }

    void roundingMode(int rm) {
        String name = ROUNDING[rm];
        out.append(name == null ? "unknown" : name);
    }

    void fenceSet(int set) {
        String name = FENCE_SETS[set];
        out.append(name == null ? "unknown" : name);
    }

    /** An I-type immediate; after lui/auipc, addi and addiw (and jalr) complete an address. */
    void itypeImmediate(int w) {
        int rs1 = Fields.rs1(w);
        int imm = Fields.immI(w);
        if ((Opcodes.isAddi(w) && rs1 != 0) || Opcodes.isJalr(w)) {
            maybeAddress(rs1, imm, false);
        }
        if (Opcodes.isAddiw(w) && rs1 != 0) {
            maybeAddress(rs1, imm, true);
        }
        out.append(imm);
    }

    /** Remembers what lui, auipc and c.lui leave in their destination register. */
    void trackUpperImmediate(int w) {
        int rd = Fields.rd(w);
        if (Opcodes.isAuipc(w)) {
            upper[rd] = pc + Fields.immU(w);
        } else if (Opcodes.isLui(w)) {
            upper[rd] = Fields.immU(w);
        } else if (Opcodes.isCLui(w)) {
            upper[rd] = Fields.cLuiImm(w);
        }
    }

    /**
     * Decides whether base + offset is an address worth a comment: a base set by lui/auipc
     * (consumed by this use), gp when the file defines {@code __global_pointer$}, tp or zero.
     */
    void maybeAddress(int base, int offset, boolean wide) {
        if (upper[base] != UNKNOWN) {
            pendingAddress = (base != 0 ? upper[base] : 0) + offset;
            upper[base] = UNKNOWN;
        } else if (base == 3 && options.globalPointer() != null) {
            pendingAddress = options.globalPointer() + offset;
        } else if (base == 4 || base == 0) {
            pendingAddress = offset;
        } else {
            return;
        }
        hasPendingAddress = true;
        if (wide) {
            pendingAddress = (int) pendingAddress;
        }
    }
}
