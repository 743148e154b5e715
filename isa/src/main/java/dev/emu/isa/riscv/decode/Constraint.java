package dev.emu.isa.riscv.decode;

/**
 * A condition on operand fields that a bit pattern cannot express ({@code rd != 0},
 * {@code rs2 != 0}, a non-zero immediate). An encoding matches a word only when its pattern
 * matches and its constraint holds.
 */
@FunctionalInterface
public interface Constraint {
    boolean test(int word);

    Constraint NONE = w -> true;
    Constraint RD_NONZERO = w -> Fields.rd(w) != 0;
    Constraint RD_IS_SP = w -> Fields.rd(w) == 2;
    Constraint C_RS2_NONZERO = w -> Fields.cRs2(w) != 0;
    Constraint RD_AND_C_RS2_NONZERO = w -> Fields.rd(w) != 0 && Fields.cRs2(w) != 0;
    Constraint C_IMM_NONZERO = w -> Fields.cImm(w) != 0;
    Constraint C_IMM_ZERO = w -> Fields.cImm(w) == 0;
    Constraint RD_AND_C_IMM_NONZERO = w -> Fields.rd(w) != 0 && Fields.cImm(w) != 0;
    Constraint C_ADDI4SPN_NONZERO = w -> Fields.cAddi4spnImm(w) != 0;
    /** c.lui proper: rd is not sp (that is c.addi16sp) and the immediate is not zero. */
    Constraint C_LUI = w -> Fields.rd(w) != 2 && Fields.cLuiImm(w) != 0;
    Constraint C_LUI_RD_NONZERO = w -> Fields.rd(w) != 0 && Fields.rd(w) != 2 && Fields.cLuiImm(w) != 0;

    default Constraint and(Constraint other) {
        return w -> test(w) && other.test(w);
    }
}
