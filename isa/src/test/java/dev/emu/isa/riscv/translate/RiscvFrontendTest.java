package dev.emu.isa.riscv.translate;

import dev.emu.engine.ir.ExitReason;
import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.ir.IrBuilder;
import dev.emu.engine.ir.IrOp;
import dev.emu.engine.ir.Opcode;
import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.mem.MemoryFault;
import dev.emu.engine.mem.Protection;
import org.junit.jupiter.api.Test;

import static dev.emu.isa.riscv.translate.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fetch, decode and the frontend's naming hooks. */
class RiscvFrontendTest {
    private static final RiscvFrontend FRONTEND = new RiscvFrontend();
    private static final long PAGE = 0x10000;

    private static GuestMemory memoryWith(long addr, int... halves) {
        GuestMemory m = new GuestMemory();
        m.map(PAGE, 2L * GuestMemory.PAGE_SIZE, Protection.RX);
        for (int i = 0; i < halves.length; i++) {
            m.poke(addr + 2L * i, new byte[] {(byte) halves[i], (byte) (halves[i] >>> 8)}, 0, 2);
        }
        return m;
    }

    private static IrBlock translate(GuestMemory m, long pc) {
        IrBlock block = new IrBlock(pc);
        int length = FRONTEND.translate(new IrBuilder(block), pc, m);
        block.guestBytes = length;
        return block;
    }

    @Test
    void aFourByteInstructionMayStraddleAPage() {
        int addi = asm("addi", A0, A0, 5);
        long pc = PAGE + GuestMemory.PAGE_SIZE - 2;
        GuestMemory m = memoryWith(pc, addi & 0xffff, addi >>> 16);
        IrBlock block = translate(m, pc);
        assertEquals(4, block.guestBytes);
        assertTrue(block.ops.stream().anyMatch(op -> op.op == Opcode.ADD));
    }

    @Test
    void eachHalfNeedsExecutePermission() {
        int addi = asm("addi", A0, A0, 5);
        long pc = PAGE + GuestMemory.PAGE_SIZE - 2;
        GuestMemory m = memoryWith(pc, addi & 0xffff, addi >>> 16);
        m.protect(PAGE + GuestMemory.PAGE_SIZE, GuestMemory.PAGE_SIZE, Protection.READ);
        MemoryFault fault = assertThrows(MemoryFault.class, () -> translate(m, pc));
        assertEquals(PAGE + GuestMemory.PAGE_SIZE, fault.address);
    }

    @Test
    void aFetchFaultEmitsNothing() {
        GuestMemory m = memoryWith(PAGE);
        IrBlock block = new IrBlock(0x5000);
        assertThrows(MemoryFault.class, () -> FRONTEND.translate(new IrBuilder(block), 0x5000, m));
        assertEquals(0, block.ops.size());
    }

    @Test
    void illegalWordsExitAtTheirAddress() {
        // 0xffff: a 16-bit parcel announcing an instruction longer than 4 bytes; 0x0000: c.unimp
        for (int half : new int[] {0xffff, 0x0000}) {
            IrBlock block = translate(memoryWith(PAGE, half, 0xffff, 0xffff), PAGE);
            IrOp last = block.ops.get(block.ops.size() - 1);
            assertEquals(Opcode.EXIT, last.op);
            assertEquals(ExitReason.ILLEGAL_INSTRUCTION.ordinal(), last.aux);
            assertEquals(PAGE, last.imm);
            assertEquals(2, block.guestBytes);
        }
    }

    @Test
    void slotNames() {
        assertEquals(64, FRONTEND.registerSlots());
        assertEquals("zero", FRONTEND.slotName(0));
        assertEquals("a0", FRONTEND.slotName(10));
        assertEquals("t6", FRONTEND.slotName(31));
        assertEquals("ft0", FRONTEND.slotName(32));
        assertEquals("fa0", FRONTEND.slotName(42));
        assertEquals("ft11", FRONTEND.slotName(63));
    }

    @Test
    void disassemblyIsObjdumpsTextWithoutCarriedState() {
        int lui = asm("lui", A0, 0x12);
        int addi = asm("addi", A0, A0, 0x34);
        GuestMemory m = memoryWith(PAGE, lui & 0xffff, lui >>> 16, addi & 0xffff, addi >>> 16, asm("c.addi", A1, 3));
        assertEquals("lui\ta0,0x12", FRONTEND.disassemble(PAGE, m));
        // objdump 2.40 names addi "add"; no "# 0x12034" comment: the lui of the previous call is forgotten
        assertEquals("add\ta0,a0,52", FRONTEND.disassemble(PAGE + 4, m));
        assertEquals("add\ta1,a1,3", FRONTEND.disassemble(PAGE + 8, m));
    }

    @Test
    void bitManipulationDecodesAndPrints() {
        int cpop = asm("cpop", A0, A1);
        GuestMemory m = memoryWith(PAGE, cpop & 0xffff, cpop >>> 16);
        assertEquals("cpop\ta0,a1", FRONTEND.disassemble(PAGE, m));
    }
}
