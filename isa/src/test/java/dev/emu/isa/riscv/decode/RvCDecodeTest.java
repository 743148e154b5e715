package dev.emu.isa.riscv.decode;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Compressed words decoded for execution. The disassembly is checked against objdump
 * elsewhere; what objdump cannot tell is which row the execution decoder hands on (the
 * canonical {@code c.*} row, never a printing alias) and which encodings it must refuse
 * because the ISA reserves them although objdump prints them. Every word here was encoded by
 * hand from the instruction formats of the unprivileged specification (chapter "C" Standard
 * Extension), and its fields are checked with the values that encoding was built from.
 */
class RvCDecodeTest {
    private final RiscvDecoder rv64gc = new RiscvDecoder(Extension.rv64gc());

    private String name(int word) {
        Encoding e = rv64gc.decode(word);
        assertNotNull(e, () -> String.format("0x%04x should decode", word));
        return e.name();
    }

    private void illegal(int word) {
        assertNull(rv64gc.decode(word), () -> String.format("0x%04x is reserved", word));
    }

    @Test
    void canonicalRowsNotAliases() {
        // c.addi a0,1: 000 0 01010 00001 01 (objdump prints the alias "add a0,a0,1")
        assertEquals("c.addi", name(0x0505));
        assertEquals(10, Fields.rd(0x0505));
        assertEquals(1, Fields.cImm(0x0505));
        // c.nop is a printing name for c.addi x0,0
        assertEquals("c.addi", name(0x0001));
        // c.addi sp,-16: 000 1 00010 10000 01
        assertEquals("c.addi", name(0x1141));
        assertEquals(-16, Fields.cImm(0x1141));
        // c.jr ra (ret): 100 0 00001 00000 10
        assertEquals("c.jr", name(0x8082));
        assertEquals("c.ebreak", name(0x9002));
        // c.jalr a0: 100 1 01010 00000 10; c.add a0,a1: 100 1 01010 01011 10
        assertEquals("c.jalr", name(0x9502));
        assertEquals("c.add", name(0x952e));
        assertEquals(11, Fields.cRs2(0x952e));
        // c.addiw a0,0 (sext.w) is a real instruction, not a HINT
        assertEquals("c.addiw", name(0x2501));
    }

    @Test
    void immediatesOfTheCompressedFormats() {
        // c.addi16sp sp,-32: nzimm[9]=1 at 12, [4]=0 at 6, [6]=1 at 5, [8:7]=11 at 4..3, [5]=1 at 2
        assertEquals("c.addi16sp", name(0x713d));
        assertEquals(-32, Fields.cAddi16spImm(0x713d));
        // c.addi4spn a0,sp,16: nzuimm[5:4]=01 at 12..11, rd'=010
        assertEquals("c.addi4spn", name(0x0808));
        assertEquals(16, Fields.cAddi4spnImm(0x0808));
        assertEquals(10, Fields.cRs2Prime(0x0808));
        // c.lui a0,1: 011 0 01010 00001 01
        assertEquals("c.lui", name(0x6505));
        assertEquals(0x1000, Fields.cLuiImm(0x6505));
        // c.ldsp ra,8(sp): uimm[4:3]=01 at 6..5
        assertEquals("c.ldsp", name(0x60a2));
        assertEquals(8, Fields.cLdspOffset(0x60a2));
        // c.j -2: every offset bit set
        assertEquals("c.j", name(0xbffd));
        assertEquals(-2, Fields.cJumpOffset(0xbffd));
        // c.beqz a0,+8: offset[4:3]=01 at 11..10, rs1'=010
        assertEquals("c.beqz", name(0xc501));
        assertEquals(8, Fields.cBranchOffset(0xc501));
        assertEquals(10, Fields.cRs1Prime(0xc501));
    }

    @Test
    void hintsAreLegal() {
        // c.lui zero,1; c.mv zero,a0; c.slli a0,0 (c.slli64 on RV64); c.addi zero,5
        assertEquals("c.lui", name(0x6005));
        assertEquals("c.mv", name(0x802a));
        assertEquals("c.slli64", name(0x0502));
        assertEquals("c.addi", name(0x0015));
    }

    @Test
    void reservedEncodingsAreIllegal() {
        illegal(0x0000); // defined illegal; objdump prints c.unimp
        illegal(0x6101); // c.addi16sp sp,0; objdump prints it
        illegal(0x0004); // c.addi4spn with nzuimm=0
        illegal(0x6501); // c.lui a0,0
        illegal(0x8002); // c.jr zero
        illegal(0x4002); // c.lwsp zero,0(sp)
        illegal(0x6002); // c.ldsp zero,0(sp)
        illegal(0x2005); // c.addiw zero,1
        illegal(0x9c41); // CA funct6=100111 funct2=10: reserved slot
        illegal(0x8000); // quadrant 0 funct3=100: reserved
    }

    @Test
    void compressedDoubleLoadsNeedD() {
        int fldsp = 0x2502; // c.fldsp fa0,0(sp)
        assertEquals("c.fldsp", name(fldsp));
        RiscvDecoder noD = new RiscvDecoder(EnumSet.of(Extension.I, Extension.C));
        assertNull(noD.decode(fldsp));
        assertEquals("c.ldsp", noD.decode(0x60a2).name());
    }
}
