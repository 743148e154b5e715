package dev.emu.engine.testing;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.exec.CompiledBlock;
import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.mem.Protection;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Everything a run of a {@link RandomIrBlocks} block can change, from a seeded start state. */
public record BlockOutcome(int exit, String exception, long pc, long[] regs, int fpFlags, byte[] memory) {
    /**
     * One address space for every run (a new one costs about a megabyte): each run fills the
     * writable pages first; the read-only page never changes.
     */
    private static final GuestMemory MEMORY = new GuestMemory();
    private static final int WRITABLE = 0x2000;

    static {
        MEMORY.map(RandomIrBlocks.DATA, WRITABLE, Protection.RW);
        MEMORY.map(RandomIrBlocks.READ_ONLY, 0x1000, Protection.READ);
        byte[] fixed = new byte[0x1000];
        new SplittableRandom(99).nextBytes(fixed);
        MEMORY.poke(RandomIrBlocks.READ_ONLY, fixed, 0, fixed.length);
    }

    public static BlockOutcome of(CompiledBlock code, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        GuestMemory memory = MEMORY;
        byte[] init = new byte[WRITABLE];
        r.nextBytes(init);
        memory.write(RandomIrBlocks.DATA, init, 0, init.length);
        Vcpu cpu = new Vcpu(0, RandomIrBlocks.SLOTS, memory);
        for (int i = 0; i < cpu.regs.length; i++) {
            cpu.regs[i] = RandomIrBlocks.interesting(r);
        }
        cpu.pc = 0x1000;
        int exit = Integer.MIN_VALUE;
        String exception = "";
        try {
            exit = code.run(cpu);
        } catch (RuntimeException e) {
            exception = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        byte[] after = new byte[init.length];
        memory.read(RandomIrBlocks.DATA, after, 0, after.length);
        return new BlockOutcome(exit, exception, cpu.pc, cpu.regs, cpu.fpFlags, after);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockOutcome x && exit == x.exit && exception.equals(x.exception) && pc == x.pc
                && Arrays.equals(regs, x.regs) && fpFlags == x.fpFlags && Arrays.equals(memory, x.memory);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(regs);
    }

    @Override
    public String toString() {
        return "exit " + exit + " " + exception + " pc 0x" + Long.toHexString(pc) + " fflags " + fpFlags
                + "\nregs " + Arrays.toString(regs) + "\nmemory hash " + Arrays.hashCode(memory);
    }
}
