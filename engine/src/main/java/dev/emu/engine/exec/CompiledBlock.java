package dev.emu.engine.exec;

import dev.emu.engine.cpu.Vcpu;

/**
 * Executable form of one translation block: the IR interpreter's or a generated class's. Runs
 * the block on the vCPU, leaves {@code cpu.pc} at the next guest instruction to run and every
 * register slot written back, and returns which exit it took:
 * <ul>
 *   <li>{@code k >= 0}: the k-th direct exit (EXIT_IF and GOTO ops, numbered in block order),
 *       which the run loop may chain to its successor block;</li>
 *   <li>{@link #INDIRECT}: a computed jump (GOTO_INDIRECT);</li>
 *   <li>{@code EXIT_BASE - reason.ordinal()}: an EXIT op with that {@link dev.emu.engine.ir.ExitReason}.</li>
 * </ul>
 * A guest fault inside the block (MemoryFault, IllegalInstruction) propagates as an exception
 * after the block has written back every register slot it changed and set {@code cpu.pc} to
 * the faulting instruction.
 */
public interface CompiledBlock {
    int INDIRECT = -1;
    int EXIT_BASE = -2;

    int run(Vcpu cpu);
}
