package dev.emu.engine.exec;

import java.io.PrintStream;
import java.util.Set;

/**
 * How the run loop executes and what it logs.
 *
 * @param hotThreshold runs after which a block is compiled to bytecode: 0 compiles every block
 *                     at once, {@link Integer#MAX_VALUE} never compiles (interpreter only)
 * @param maxBlockInsns instructions per block at most; 1 is {@code -singlestep}
 * @param chaining     link blocks to their successors ({@code -d nochain} turns it off)
 * @param log          the {@code -d} items enabled: in_asm, op, op_opt, out_asm, exec, cpu
 * @param logStream    where {@code -d} output goes ({@code -D file}, default stderr)
 * @param filterStart  {@code -dfilter}: log only blocks starting in [filterStart, filterEnd)
 */
public record ExecutionOptions(int hotThreshold, int maxBlockInsns, boolean chaining, Set<String> log,
                               PrintStream logStream, long filterStart, long filterEnd) {

    /**
     * Hot blocks are compiled together with the translated blocks their direct exits reach, as
     * one region (see {@link CompiledRegion}); the system property {@code emu.regions=false}
     * compiles every block alone.
     */
    public boolean regions() {
        return REGIONS;
    }

    private static final boolean REGIONS = !"false".equals(System.getProperty("emu.regions"));

    public static final int DEFAULT_HOT_THRESHOLD = Integer.getInteger("emu.hotThreshold", 50);

    public static ExecutionOptions defaults() {
        return new ExecutionOptions(DEFAULT_HOT_THRESHOLD, 256, true, Set.of(), System.err, 0, -1L);
    }

    public boolean logs(String item, long pc) {
        return log.contains(item) && Long.compareUnsigned(pc, filterStart) >= 0 && Long.compareUnsigned(pc, filterEnd) < 0;
    }

    public ExecutionOptions withHotThreshold(int value) {
        return new ExecutionOptions(value, maxBlockInsns, chaining, log, logStream, filterStart, filterEnd);
    }

    public ExecutionOptions withMaxBlockInsns(int value) {
        return new ExecutionOptions(hotThreshold, value, chaining, log, logStream, filterStart, filterEnd);
    }

    public ExecutionOptions withChaining(boolean value) {
        return new ExecutionOptions(hotThreshold, maxBlockInsns, value, log, logStream, filterStart, filterEnd);
    }

    public ExecutionOptions withLog(Set<String> items, PrintStream stream) {
        return new ExecutionOptions(hotThreshold, maxBlockInsns, chaining && !items.contains("nochain"), items, stream,
                filterStart, filterEnd);
    }

    public ExecutionOptions withFilter(long start, long end) {
        return new ExecutionOptions(hotThreshold, maxBlockInsns, chaining, log, logStream, start, end);
    }
}
