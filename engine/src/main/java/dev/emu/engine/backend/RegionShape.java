package dev.emu.engine.backend;

import dev.emu.engine.ir.IrOp;
import dev.emu.engine.ir.Opcode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What the backend reads off a region's list of blocks before writing it: whether it contains a
 * loop (its page cache pays off only then, see MemoryEmitter) and which of its blocks a computed
 * jump should try before it leaves the region (the return sites of calls made inside it).
 */
final class RegionShape {
    private RegionShape() {}

    private static final int MAX_RETURN_SITES = 4;

    /** Whether a direct exit of the region jumps back to one of its blocks at or before its own. */
    static boolean loops(List<BlockAnalysis> blocks) {
        for (int j = 0; j < blocks.size(); j++) {
            for (IrOp op : blocks.get(j).ops) {
                if (op.op == Opcode.GOTO || op.op == Opcode.EXIT_IF) {
                    for (int k = 0; k <= j; k++) {
                        if (blocks.get(k).block.startPc == op.imm) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /**
     * The region blocks a computed jump tries: return sites (the block right after one that
     * ends in a jump, the shape of a call) and blocks no direct exit of the region reaches (the
     * run loop added them as the computed jumps' last targets).
     */
    static int[] returnSites(List<BlockAnalysis> blocks) {
        Set<Long> afterCalls = new HashSet<>();
        Set<Long> directTargets = new HashSet<>();
        for (BlockAnalysis b : blocks) {
            long end = b.block.startPc + b.block.guestBytes;
            for (IrOp op : b.ops) {
                if (op.op == Opcode.GOTO || op.op == Opcode.EXIT_IF) {
                    directTargets.add(op.imm);
                }
            }
            IrOp last = b.ops.get(b.ops.size() - 1);
            if (last.op == Opcode.GOTO && last.imm != end || last.op == Opcode.GOTO_INDIRECT) {
                afterCalls.add(end);
            }
        }
        // The entry too: a function called through a pointer from the loop it returns to.
        return IntStream.range(0, blocks.size())
                .filter(j -> afterCalls.contains(blocks.get(j).block.startPc) || !directTargets.contains(blocks.get(j).block.startPc))
                .limit(MAX_RETURN_SITES).toArray();
    }
}
