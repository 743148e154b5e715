package dev.emu.isa.riscv.disas;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SyntaxTest {
    @Test
    void unknownOperandHasNoPrinter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Syntax.compile("rd,nosuch"));
        assertEquals("no printer for operand 'nosuch' in \"rd,nosuch\"", e.getMessage());
    }

    @Test
    void punctuationStaysLiteral() {
        RiscvDisassembler d = new RiscvDisassembler(DisasOptions.defaults());
        assertEquals("ld\ta0,8(sp)", d.disassemble(0, 0x00813503));
        assertEquals("sd\tra,-8(s0)", d.disassemble(0, 0xfe143c23));
    }
}
