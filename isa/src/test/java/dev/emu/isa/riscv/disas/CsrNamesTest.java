package dev.emu.isa.riscv.disas;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The name of every CSR number, 0 to 4095, against objdump's: one {@code csrrs a0,<csr>,zero}
 * word per number, disassembled in a single objdump run with {@code -M no-aliases} (so the F
 * aliases like {@code frflags} do not hide the operand), and the csr operand taken from its
 * text. A number emu leaves unnamed must print as hex in objdump too.
 */
class CsrNamesTest {
    private static final int CSRS = 4096;

    @BeforeAll
    static void needsObjdump() {
        Assumptions.assumeTrue(Objdump.available() || System.getenv("CI") != null,
                "riscv64-linux-gnu-objdump not installed");
    }

    /** csrrs a0, csr, x0: funct3 = 010, rd = 10, rs1 = 0, SYSTEM. */
    private static int csrrsWord(int csr) {
        return (csr << 20) | (0b010 << 12) | (10 << 7) | 0b1110011;
    }

    @Test
    void everyCsrNumberMatchesObjdump() throws Exception {
        ByteBuffer code = ByteBuffer.allocate(CSRS * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int csr = 0; csr < CSRS; csr++) {
            code.putInt(csrrsWord(csr));
        }
        Map<Long, String> objdump = Objdump.raw(code.array(), "-M", "no-aliases");

        int named = 0;
        int differences = 0;
        StringBuilder report = new StringBuilder();
        for (int csr = 0; csr < CSRS; csr++) {
            String text = objdump.get(csr * 4L);
            assertNotNull(text, "objdump printed nothing for csr 0x" + Integer.toHexString(csr));
            String[] operands = text.substring(text.indexOf('\t') + 1).split(",");
            String want = operands[1];
            String ours = CsrNames.name(csr);
            String got = ours != null ? ours : "0x" + Integer.toHexString(csr);
            if (ours != null) {
                named++;
            }
            if (!got.equals(want)) {
                if (differences++ < 40) {
                    report.append(String.format("%n  0x%03x: objdump %s, emu %s", csr, want, got));
                }
            }
        }
        System.out.printf("CSR names: %d numbers compared with objdump, %d named by emu, %d differences%n",
                CSRS, named, differences);
        assertEquals(0, differences, differences + " CSR names differ:" + report);
    }
}
