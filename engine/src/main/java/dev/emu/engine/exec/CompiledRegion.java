package dev.emu.engine.exec;

import java.util.function.IntFunction;

/**
 * Several blocks compiled as one: {@code code} runs from the first block, following direct
 * exits between the region's blocks inside itself, and returns (per {@link CompiledBlock}'s
 * contract) only when it leaves the region. Its direct exits are numbered 0..exits-1 by the
 * region, not by any block, and it adds the guest instructions it completed to
 * {@code cpu.instret} itself.
 *
 * @param blocks    how many of the blocks asked for it holds (a prefix: a region too big for
 *                  the JIT is cut short)
 * @param codeBytes the size of its generated method
 */
public record CompiledRegion(CompiledBlock code, int exits, int blocks, int codeBytes, IntFunction<CompiledBlock> entries) {

    /** A region that can only be entered at its first block. */
    public CompiledRegion(CompiledBlock code, int exits, int blocks, int codeBytes) {
        this(code, exits, blocks, codeBytes, k -> {
            if (k != 0) {
                throw new IllegalArgumentException("this region has one entry");
            }
            return code;
        });
    }

    /**
     * The same method entered at block {@code k} (0 &lt;= k &lt; blocks): what a block of the region
     * runs once it is hot itself, so it is not compiled a second time. Same exits, and like the
     * region it counts its own instructions.
     */
    public CompiledBlock entryAt(int k) {
        return entries.apply(k);
    }
}
