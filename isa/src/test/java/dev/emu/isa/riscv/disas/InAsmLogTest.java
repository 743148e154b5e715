package dev.emu.isa.riscv.disas;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link InAsmLog} without a program (code the ELF file does not hold): qemu's framing with an
 * empty {@code IN:} name, qemu's bytes column, objdump's text with plain addresses, and the
 * lui/auipc tracker running from the block's first instruction. The program's own code is
 * checked against both listings by the test module's InAsmLogTest.
 */
class InAsmLogTest {
    @Test
    void codeOutsideTheProgramIsDisassembledBlockByBlock() {
        InAsmLog log = new InAsmLog(null, 0);
        long[] pcs = {0x10000, 0x10004, 0x10008, 0x1000a};
        // auipc a0,0x1; addi a0,a0,16; c.mv a1,a0; a 48-bit encoding's first parcel
        int[] words = {0x00001517, 0x01050513, 0x85aa, 0x001f};
        String expected = """
                ----------------
                IN:\s
                0x0000000000010000:  00001517          auipc\ta0,0x1
                0x0000000000010004:  01050513          add\ta0,a0,16 # 0x11010
                0x0000000000010008:  85aa              mv\ta1,a0
                0x000000000001000a:  001f              .2byte\t0x1f

                """;
        assertEquals(expected, log.block(pcs, words));
        // a new block starts with a fresh tracker: the addi alone gets no comment
        assertEquals("""
                ----------------
                IN:\s
                0x0000000000010004:  01050513          add\ta0,a0,16

                """, log.block(new long[] {0x10004}, new int[] {0x01050513}));
    }
}
