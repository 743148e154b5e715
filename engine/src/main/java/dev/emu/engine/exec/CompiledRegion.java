package dev.emu.engine.exec;

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
public record CompiledRegion(CompiledBlock code, int exits, int blocks, int codeBytes) {}
