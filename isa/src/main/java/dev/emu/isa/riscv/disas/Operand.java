package dev.emu.isa.riscv.disas;

import dev.emu.isa.riscv.decode.Fields;

import java.util.HashMap;
import java.util.Map;

/**
 * The operands a decode table's syntax may name, each with the printer that renders it the way
 * GNU objdump does. A few printers also feed the address tracker: {@code rd} remembers what
 * {@code lui}/{@code auipc} put in a register, and the offset printers of a following
 * {@code addi}, load, store or {@code jalr} turn that into the {@code # address} comment.
 */
public enum Operand {
    // ---- integer and FP registers of the 32-bit formats ----
    RD("rd") {
        @Override void print(Printer p, int w) {
            p.trackUpperImmediate(w);
            p.gpr(Fields.rd(w));
        }
    },
    RS1("rs1") {
        @Override void print(Printer p, int w) {
            if (Opcodes.isJalr(w)) {
                p.maybeAddress(Fields.rs1(w), Fields.immI(w), false);
            }
            p.gpr(Fields.rs1(w));
        }
    },
    RS2("rs2") { @Override void print(Printer p, int w) { p.gpr(Fields.rs2(w)); } },
    ZERO("zero") { @Override void print(Printer p, int w) { p.gpr(0); } },
    FRD("frd") { @Override void print(Printer p, int w) { p.fpr(Fields.rd(w)); } },
    FRS1("frs1") { @Override void print(Printer p, int w) { p.fpr(Fields.rs1(w)); } },
    FRS2("frs2") { @Override void print(Printer p, int w) { p.fpr(Fields.rs2(w)); } },
    FRS3("frs3") { @Override void print(Printer p, int w) { p.fpr(Fields.rs3(w)); } },

    // ---- immediates of the 32-bit formats ----
    /** I-type immediate, decimal; after lui/auipc it completes an address. */
    IMM("imm") {
        @Override void print(Printer p, int w) { p.itypeImmediate(w); }
    },
    /** I-type offset of a load or jalr: also an address when the base register is known. */
    OFS("ofs") {
        @Override void print(Printer p, int w) {
            p.maybeAddress(Fields.rs1(w), Fields.immI(w), false);
            p.itypeImmediate(w);
        }
    },
    /** S-type offset of a store. */
    SOFS("sofs") {
        @Override void print(Printer p, int w) {
            p.maybeAddress(Fields.rs1(w), Fields.immS(w), false);
            p.text(Integer.toString(Fields.immS(w)));
        }
    },
    /** U-type immediate as the 20-bit hex number the assembler takes. */
    HI20("hi20") { @Override void print(Printer p, int w) { p.hex(Fields.immU(w) >>> 12); } },
    BTARGET("btarget") { @Override void print(Printer p, int w) { p.target(Fields.immB(w)); } },
    JTARGET("jtarget") { @Override void print(Printer p, int w) { p.target(Fields.immJ(w)); } },
    SHAMT("shamt") { @Override void print(Printer p, int w) { p.hex(Fields.shamt6(w)); } },
    SHAMTW("shamtw") { @Override void print(Printer p, int w) { p.hex(Fields.shamt5(w)); } },
    CSR("csr") { @Override void print(Printer p, int w) { p.csr(Fields.csr(w)); } },
    /** The 5-bit unsigned immediate of csrr*i, in the rs1 field. */
    UIMM("uimm") { @Override void print(Printer p, int w) { p.text(Integer.toString(Fields.rs1(w))); } },
    RM("rm") { @Override void print(Printer p, int w) { p.roundingMode(Fields.rm(w)); } },
    PRED("pred") { @Override void print(Printer p, int w) { p.fenceSet(Fields.pred(w)); } },
    SUCC("succ") { @Override void print(Printer p, int w) { p.fenceSet(Fields.succ(w)); } },

    // ---- compressed formats ----
    /** rd/rs1 at bits 11..7 without the lui tracking of {@code rd}. */
    CRS1RD("crs1rd") { @Override void print(Printer p, int w) { p.gpr(Fields.rd(w)); } },
    CRS2("crs2") { @Override void print(Printer p, int w) { p.gpr(Fields.cRs2(w)); } },
    CRS1P("crs1p") { @Override void print(Printer p, int w) { p.gpr(Fields.cRs1Prime(w)); } },
    CRS2P("crs2p") { @Override void print(Printer p, int w) { p.gpr(Fields.cRs2Prime(w)); } },
    CFRS2("cfrs2") { @Override void print(Printer p, int w) { p.fpr(Fields.cRs2(w)); } },
    CFRS2P("cfrs2p") { @Override void print(Printer p, int w) { p.fpr(Fields.cRs2Prime(w)); } },
    SP("sp") { @Override void print(Printer p, int w) { p.gpr(2); } },
    /** CI-format signed immediate; c.addi/c.addiw after c.lui complete an address. */
    CIMM("cimm") {
        @Override void print(Printer p, int w) {
            int rd = Fields.rd(w);
            if (rd != 0 && Opcodes.isCAddi(w)) {
                p.maybeAddress(rd, Fields.cImm(w), false);
            }
            if (rd != 0 && Opcodes.isCAddiw(w)) {
                p.maybeAddress(rd, Fields.cImm(w), true);
            }
            p.text(Integer.toString(Fields.cImm(w)));
        }
    },
    CLWOFS("clwofs") { @Override void print(Printer p, int w) { p.text(Integer.toString(Fields.cLwOffset(w))); } },
    CLDOFS("cldofs") { @Override void print(Printer p, int w) { p.text(Integer.toString(Fields.cLdOffset(w))); } },
    CLWSPOFS("clwspofs") { @Override void print(Printer p, int w) { p.text(Integer.toString(Fields.cLwspOffset(w))); } },
    CLDSPOFS("cldspofs") { @Override void print(Printer p, int w) { p.text(Integer.toString(Fields.cLdspOffset(w))); } },
    CSWSPOFS("cswspofs") { @Override void print(Printer p, int w) { p.text(Integer.toString(Fields.cSwspOffset(w))); } },
    CSDSPOFS("csdspofs") { @Override void print(Printer p, int w) { p.text(Integer.toString(Fields.cSdspOffset(w))); } },
    CADDI4SPN("caddi4spn") { @Override void print(Printer p, int w) { p.text(Integer.toString(Fields.cAddi4spnImm(w))); } },
    CADDI16SP("caddi16sp") { @Override void print(Printer p, int w) { p.text(Integer.toString(Fields.cAddi16spImm(w))); } },
    /** c.lui's immediate as the 20-bit hex number {@code lui} would take. */
    CHI20("chi20") { @Override void print(Printer p, int w) { p.hex(Fields.cImm(w) & 0xfffff); } },
    CSHAMT("cshamt") { @Override void print(Printer p, int w) { p.hex(Fields.cImm(w) & 0x3f); } },
    CBTARGET("cbtarget") { @Override void print(Printer p, int w) { p.target(Fields.cBranchOffset(w)); } },
    CJTARGET("cjtarget") { @Override void print(Printer p, int w) { p.target(Fields.cJumpOffset(w)); } };

    private static final Map<String, Operand> BY_NAME = new HashMap<>();

    static {
        for (Operand o : values()) {
            BY_NAME.put(o.syntaxName, o);
        }
    }

    private final String syntaxName;

    Operand(String syntaxName) {
        this.syntaxName = syntaxName;
    }

    public String syntaxName() {
        return syntaxName;
    }

    /** The operand a syntax names, or {@code null} when no printer exists for the name. */
    public static Operand byName(String name) {
        return BY_NAME.get(name);
    }

    abstract void print(Printer p, int word);
}
