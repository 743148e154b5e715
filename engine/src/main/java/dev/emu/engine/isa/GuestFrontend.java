package dev.emu.engine.isa;

import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.ir.IrBuilder;
import dev.emu.engine.ir.IrOp;
import dev.emu.engine.ir.Opcode;
import dev.emu.engine.mem.GuestMemory;

/**
 * An ISA's translator hooks: turn one guest instruction into IR. The engine owns the loop around
 * it (where blocks start and end, page crossings, instruction limits, plugin hooks).
 */
public interface GuestFrontend {
    /**
     * Emits the IR of the instruction at {@code pc} and returns its length in bytes. The
     * instruction's bytes are read from {@code code} (which checks execute permission). An
     * instruction that changes control flow ends the block with GOTO, GOTO_INDIRECT or EXIT;
     * an illegal one emits {@code EXIT ILLEGAL_INSTRUCTION}.
     */
    int translate(IrBuilder b, long pc, GuestMemory code);

    /** The number of register slots a vCPU of this ISA needs. */
    int registerSlots();

    /** The name of a register slot, for logs ({@code a0}, {@code ft3}). */
    String slotName(int slot);

    /** The text of the instruction at pc, for logs; the same as the disassembler prints. */
    String disassemble(long pc, GuestMemory code);

    /** The name of the program symbol containing pc (for plugins), or null when none is known. */
    default String symbolAt(long pc) {
        return null;
    }

    /**
     * What {@code -d in_asm} prints for a translated block, in qemu's framing: a rule, a line
     * {@code IN: } with the symbol the block starts in, one line per instruction (its address
     * and text), and an empty line. This default names no symbol and uses {@link #disassemble};
     * an ISA that knows the program's symbols says more.
     */
    default String describeBlock(IrBlock block, GuestMemory code) {
        StringBuilder sb = new StringBuilder("----------------\nIN: \n");
        for (IrOp op : block.ops) {
            if (op.op == Opcode.INSN_START) {
                sb.append(String.format("0x%016x:  %s%n", op.imm, disassemble(op.imm, code)));
            }
        }
        return sb.append('\n').toString();
    }
}
