package dev.emu.engine.exec;

import dev.emu.engine.cpu.IllegalInstruction;
import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.interp.IrInterpreter;
import dev.emu.engine.ir.ExitReason;
import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.ir.IrPrinter;
import dev.emu.engine.isa.GuestFrontend;
import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.mem.MemoryFault;
import dev.emu.engine.opt.Optimizer;
import dev.emu.engine.translate.Translator;
import dev.emu.engine.ir.IrOp;
import dev.emu.engine.ir.Opcode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The vCPU run loop: find the block at pc (translating it on a miss), run it, follow the exit it
 * took. Direct exits are chained: the first time one is taken its successor is looked up and
 * remembered in the block, so later runs skip the lookup. Blocks start in the IR interpreter
 * and are compiled to bytecode once they have run {@code hotThreshold} times: code that runs
 * once pays no class generation.
 *
 * <p>Regions: a block that gets hot is compiled together with the translated blocks its direct
 * exits (and its computed jump's last target and return site) lead to, as one method in which
 * jumps between those blocks stay inside (see {@link CompiledRegion}), so hot loops become JVM
 * loops with the guest registers in locals. The region's exits replace the block's in its exit
 * table; the region is registered on every page its blocks cover, so a write to any of them
 * drops the entry block and the run loop retranslates it.
 *
 * <p>Threads: each guest thread is a vCPU that some host thread runs here with {@link #run};
 * they share the block cache, the translator and the compiler. Lookups take no lock;
 * translating, compiling and invalidating take the cache's monitor, so they happen one at a time
 * and publish whole blocks (see {@link BlockCache}, {@link TranslationBlock}). What one run
 * needs for itself (the current block, a jump cache, counters) lives in {@link #run}'s locals.
 * Another thread asks a vCPU to stop or to take a signal with {@link Vcpu#requestInterrupt};
 * the loop checks it before each block (a plain load on x86), regions on their back edges.
 *
 * <p>Guest events go to the OS layer ({@link SyscallHandler}): syscalls, traps (faults, illegal
 * instructions, breakpoints), and at a block boundary whatever {@link Vcpu#requestInterrupt}
 * flagged (pending signals, the process ending); it may move the pc (a signal handler) or end
 * the run by throwing ({@link FatalSignal}, an exit).
 */
public final class ExecutionLoop {
    private final Translator translator;
    private final BlockCache cache = new BlockCache();
    private final BlockCompiler compiler;
    private final SyscallHandler syscalls;
    private final ExecutionOptions options;
    private final GuestFrontend frontend;
    private final PrintStream log;
    private final GuestMemory memory;
    /** Per-block logging is checked once per block only when some per-block item is on. */
    private final boolean perBlockLogging;

    private static final ExitReason[] EXIT_REASONS = ExitReason.values();
    static final int REGION_MAX_BLOCKS = Integer.getInteger("emu.region.blocks", 12);
    static final int REGION_MAX_OPS = Integer.getInteger("emu.region.ops", 500);
    static final int REGION_MAX_INLINED_CALLS = Integer.getInteger("emu.region.calls", 28);
    static final int REGION_MIN_RUNS = 1;
    /**
     * {@code -Demu.region.reuse=true}: a hot block already compiled inside a region enters that
     * region instead of heading a new one (see RegionMember). Off by default until measured on a
     * quiet machine: it halves the regions compiled but doubles sort's dispatches.
     */
    static final boolean REUSE_REGIONS = Boolean.getBoolean("emu.region.reuse");
    static final boolean INLINE_MEMORY = !"false".equals(System.getProperty("emu.inlineMemory"));

    /**
     * {@code -Demu.stats=true}: print {@link #statistics} and the most dispatched blocks at exit
     * (a tuning aid: the per-dispatch count costs a map update).
     */
    private static final boolean STATS = Boolean.getBoolean("emu.stats");
    private final Map<Long, Long> dispatchesByPc = new ConcurrentHashMap<>();
    /** Dispatches and instructions of the runs that have ended; running vCPUs are in {@link #running}. */
    private final LongAdder dispatches = new LongAdder();
    private final LongAdder endedInstret = new LongAdder();
    private final Set<Vcpu> running = ConcurrentHashMap.newKeySet();
    // Guarded by the translation lock (the cache's monitor).
    private long regionsCompiled;
    private long regionBlocks;
    private long regionEntriesReused;
    /** Guarded by the cache's lock, like everything compile() does. */
    private final Map<Long, RegionMember> regionMembers = new java.util.HashMap<>();
    private long blocksTranslated;
    private long blocksCompiled;
    private long translateNanos;
    private long compileNanos;

    /** {@code compiler} may be null: everything then stays in the interpreter. */
    public ExecutionLoop(GuestFrontend frontend, BlockCompiler compiler, SyscallHandler syscalls,
                         ExecutionOptions options, GuestMemory memory) {
        this.frontend = frontend;
        this.translator = new Translator(frontend, options.maxBlockInsns());
        this.compiler = compiler;
        this.syscalls = syscalls;
        this.options = options;
        this.log = options.logStream();
        this.memory = memory;
        this.perBlockLogging = options.log().contains("cpu") || options.log().contains("exec");
        memory.setCodeWriteListener(cache::invalidatePage);
        if (STATS) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::printStatistics));
        }
    }

    private void printStatistics() {
        System.err.println("emu: " + statistics());
        dispatchesByPc.entrySet().stream().sorted(Map.Entry.<Long, Long>comparingByValue().reversed()).limit(12).forEach(e -> {
            TranslationBlock tb = cache.lookup(e.getKey());
            String kind = tb == null ? "dropped" : tb.region != null ? "region of " + tb.region.size() : "block";
            System.err.printf("  %x %s: %d dispatches%n", e.getKey(), kind, e.getValue());
        });
    }

    /**
     * Runs the vCPU on the calling thread until a guest event ends it (an exception: see the
     * class comment). Several threads may run their own vCPUs on one loop at once; they share
     * the translations, and each keeps its own dispatch state (locals and a jump cache).
     */
    public void run(Vcpu cpu) {
        running.add(cpu);
        TranslationBlock[] jumpCache = BlockCache.newJumpCache();
        long dispatched = 0;
        try {
            TranslationBlock tb = find(cpu, jumpCache);
            while (true) {
                if (cpu.interruptRequested()) {
                    syscalls.interrupted(cpu); // may move the pc to a signal handler, or end the run
                    tb = find(cpu, jumpCache);
                }
                if (++tb.runs == options.hotThreshold() && compiler != null && !tb.compiled) {
                    tb = compileHot(tb);
                }
                if (perBlockLogging) {
                    logBlockEntry(cpu, tb);
                }
                dispatched++;
                if (STATS) {
                    dispatchesByPc.merge(tb.pc, 1L, Long::sum);
                }
                int exit;
                try {
                    exit = tb.code.run(cpu);
                } catch (MemoryFault fault) {
                    syscalls.trap(cpu, GuestTrap.of(fault), fault.address);
                    tb = find(cpu, jumpCache);
                    continue;
                } catch (IllegalInstruction e) {
                    syscalls.trap(cpu, GuestTrap.ILL_ILLOPC, cpu.pc);
                    tb = find(cpu, jumpCache);
                    continue;
                }
                if (exit >= 0) {
                    cpu.instret += tb.insnsAtExit[exit];
                    TranslationBlock next = tb.links[exit];
                    if (next == null || !next.valid) {
                        next = find(cpu, jumpCache);
                        if (options.chaining()) {
                            tb.links[exit] = next;
                        }
                    }
                    tb = next;
                    continue;
                }
                cpu.instret += tb.insnsAtOtherExit;
                if (exit != CompiledBlock.INDIRECT) {
                    switch (EXIT_REASONS[CompiledBlock.EXIT_BASE - exit]) {
                        case SYSCALL -> syscalls.syscall(cpu);
                        case BREAKPOINT -> syscalls.trap(cpu, GuestTrap.TRAP_BRKPT, cpu.pc);
                        case ILLEGAL_INSTRUCTION -> syscalls.trap(cpu, GuestTrap.ILL_ILLOPC, cpu.pc);
                        case FLUSH_CODE -> cache.flushAll();
                    }
                }
                TranslationBlock from = tb;
                tb = find(cpu, jumpCache);
                from.lastIndirectTarget = cpu.pc;
            }
        } finally {
            running.remove(cpu);
            endedInstret.add(cpu.instret);
            dispatches.add(dispatched);
        }
    }

    private TranslationBlock find(Vcpu cpu, TranslationBlock[] jumpCache) {
        TranslationBlock tb = cache.lookup(cpu.pc, jumpCache);
        if (tb != null) {
            return tb;
        }
        try {
            return translate(cpu.pc);
        } catch (MemoryFault fault) {
            syscalls.trap(cpu, GuestTrap.of(fault), cpu.pc); // a fetch fault: delivered at the pc
            return find(cpu, jumpCache);
        }
    }

    /**
     * Translates the block at pc under the translation lock (another thread may have done it
     * meanwhile) and publishes it whole.
     */
    private TranslationBlock translate(long pc) {
        synchronized (cache) {
            TranslationBlock tb = cache.lookup(pc);
            if (tb != null) {
                return tb;
            }
            long start = System.nanoTime();
            IrBlock ir;
            ir = translator.translate(memory, pc); // a fetch fault leaves to find()
            optimizeAndLog(ir);
            tb = new TranslationBlock(ir, new IrInterpreter(ir));
            blocksTranslated++;
            translateNanos += System.nanoTime() - start;
            cache.add(tb);
            if (options.hotThreshold() <= 0 && compiler != null) {
                tb = compile(tb);
            }
            return tb;
        }
    }

    private void optimizeAndLog(IrBlock ir) {
        boolean logged = options.logs("in_asm", ir.startPc) || options.logs("op", ir.startPc) || options.logs("op_opt", ir.startPc);
        if (options.logs("in_asm", ir.startPc)) {
            logGuestCode(ir);
        }
        if (options.logs("op", ir.startPc)) {
            log.print("OP:\n" + IrPrinter.print(ir, frontend::slotName) + "\n");
        }
        Optimizer.optimize(ir);
        if (options.logs("op_opt", ir.startPc)) {
            log.print("OP after optimization:\n" + IrPrinter.print(ir, frontend::slotName) + "\n");
        }
        if (logged) {
            log.flush();
        }
    }

    /** The compiled form of a block that just got hot (made by this thread or another). */
    private TranslationBlock compileHot(TranslationBlock tb) {
        synchronized (cache) {
            if (tb.retired || !tb.valid) {
                TranslationBlock current = cache.lookup(tb.pc);
                return current != null ? current : tb;
            }
            return compile(tb);
        }
    }

    /** Compiles tb (alone or as a region's entry) and puts the result in its place. Under the lock. */
    private TranslationBlock compile(TranslationBlock tb) {
        long start = System.nanoTime();
        // Per-block logging, -singlestep and nochain ask to see every block on its own.
        boolean regions = options.regions() && !perBlockLogging && options.chaining() && options.maxBlockInsns() > 1;
        RegionMember member = regions && REUSE_REGIONS ? regionMembers.get(tb.pc) : null;
        if (member != null && !member.region().valid) {
            regionMembers.remove(tb.pc); // a page of it was written: its copy of this block may be stale
            member = null;
        }
        List<TranslationBlock> blocks = regions ? regionBlocks(tb) : List.of(tb);
        CompiledRegion region = member == null && (blocks.size() > 1 || regions && jumpsToItself(tb))
                ? compiler.compileRegion(blocks.stream().map(b -> b.ir).toList()) : null;
        TranslationBlock fresh;
        if (member != null) {
            fresh = tb.asRegionEntry(member.code(), member.index(), member.region().region);
            regionEntriesReused++;
        } else if (region != null) {
            List<TranslationBlock> taken = blocks.subList(0, region.blocks());
            fresh = tb.asRegion(region, taken);
            for (int k = 1; k < taken.size(); k++) {
                regionMembers.put(taken.get(k).pc, new RegionMember(fresh, region, k));
            }
            regionsCompiled++;
            regionBlocks += taken.size();
        } else {
            fresh = tb.withCode(compiler.compile(tb.ir));
        }
        tb.retired = true;
        cache.replace(tb, fresh);
        if (options.logs("out_asm", tb.pc) && compiler instanceof Describing d) {
            log.print("OUT: [size=" + tb.guestBytes + "]\n" + d.describe(fresh.code) + "\n");
        }
        blocksCompiled++;
        compileNanos += System.nanoTime() - start;
        return fresh;
    }

    /**
     * A block compiled inside a region (not as its first block): once it is hot itself it runs
     * the region's method from its own start ({@link CompiledRegion#entryAt}) instead of being
     * compiled again as the head of a region of its own, which used to compile the same hot
     * blocks four to six times over. Only while the region is valid: a write to any of its pages
     * drops it, and the block is then compiled afresh.
     */
    private record RegionMember(TranslationBlock region, CompiledRegion code, int index) {}

    /**
     * The blocks of the region grown from a hot block: it, then breadth first the blocks its
     * direct exits lead to that are already translated (so run at least once: cold paths stay
     * out and leave the region), up to {@link #REGION_MAX_BLOCKS} blocks and
     * {@link #REGION_MAX_OPS} IR ops. The backend cuts the list short if the method gets too big.
     */
    private List<TranslationBlock> regionBlocks(TranslationBlock entry) {
        List<TranslationBlock> blocks = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        blocks.add(entry);
        seen.add(entry.pc);
        int ops = entry.ir.ops.size();
        int inlined = inlinedCalls(entry);
        for (int next = 0; next < blocks.size(); next++) {
            TranslationBlock from = blocks.get(next);
            List<Long> targets = new ArrayList<>();
            for (IrOp op : from.ir.ops) {
                if (op.op == Opcode.EXIT_IF || op.op == Opcode.GOTO) {
                    targets.add(op.imm);
                    if (op.op == Opcode.GOTO && op.imm != from.endPc()) {
                        targets.add(from.endPc()); // a call's return site (see BlockEmitter)
                    }
                } else if (op.op == Opcode.GOTO_INDIRECT) {
                    targets.add(from.endPc());
                    if (from.lastIndirectTarget != -1) {
                        targets.add(from.lastIndirectTarget);
                    }
                }
            }
            for (long pc : targets) {
                if (!seen.add(pc)) {
                    continue;
                }
                TranslationBlock target = cache.lookup(pc);
                if (target == null || target.ir == null || target.runs < REGION_MIN_RUNS
                        || blocks.size() >= REGION_MAX_BLOCKS || ops + target.ir.ops.size() > REGION_MAX_OPS
                        || inlined + inlinedCalls(target) > REGION_MAX_INLINED_CALLS) {
                    continue;
                }
                blocks.add(target);
                ops += target.ir.ops.size();
                inlined += inlinedCalls(target);
            }
        }
        return blocks;
    }

    /**
     * Memory accesses and helper calls: HotSpot inlines them into the region's method, and stops
     * inlining once the method and what it inlined reach 8000 bytes of bytecode
     * (DesiredMethodLimit); a memory access left as a call costs more than a run-loop dispatch.
     */
    private static int inlinedCalls(TranslationBlock tb) {
        int calls = 0;
        for (IrOp op : tb.ir.ops) {
            if (op.op.callsHelper() || !INLINE_MEMORY && (op.op == Opcode.LOAD || op.op == Opcode.STORE)) {
                calls++;
            }
        }
        return calls;
    }

    /** A block that loops on itself gains from being a region of one: its loop becomes a JVM loop. */
    private static boolean jumpsToItself(TranslationBlock tb) {
        for (IrOp op : tb.ir.ops) {
            if ((op.op == Opcode.EXIT_IF || op.op == Opcode.GOTO) && op.imm == tb.pc) {
                return true;
            }
        }
        return false;
    }

    private void logGuestCode(IrBlock ir) {
        log.print(frontend.describeBlock(ir, memory));
    }

    private void logBlockEntry(Vcpu cpu, TranslationBlock tb) {
        if (options.logs("cpu", tb.pc)) {
            logCpu(cpu);
        }
        if (options.logs("exec", tb.pc)) {
            log.printf("Trace %d: [%016x]%n", cpu.index, tb.pc);
        }
    }

    private void logCpu(Vcpu cpu) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(" %-8s %016x%n", "pc", cpu.pc));
        for (int i = 0; i < cpu.regs.length; i++) {
            sb.append(String.format(" %-8s %016x", frontend.slotName(i), cpu.regs[i]));
            if (i % 4 == 3) {
                sb.append('\n');
            }
        }
        log.print(sb.append('\n'));
    }

    /** A compiler that can show what it generated ({@code -d out_asm}). */
    public interface Describing {
        String describe(CompiledBlock code);
    }

    public BlockCache cache() {
        return cache;
    }

    /**
     * Attaches (or, with null, detaches) the plugins' block-translation hook. Translations made
     * before are dropped, so every block from now on is translated with the hook.
     */
    public void setTranslationHook(dev.emu.engine.translate.TranslationHook hook) {
        synchronized (cache) {
            translator.setHook(hook);
            cache.flushAll();
        }
    }

    /**
     * Counters for {@code stats} and benchmarks; the dispatches of vCPUs still running are not in
     * yet (each run adds its own when it ends), their instructions are.
     */
    public String statistics() {
        long instret = endedInstret.sum();
        for (Vcpu cpu : running) {
            instret += cpu.instret;
        }
        synchronized (cache) {
            return String.format("blocks translated %d (%.1f ms), compiled %d (%.1f ms; %d regions of %d blocks, %d blocks entering a region of another), invalidated %d, dispatches %d, instret %d",
                    blocksTranslated, translateNanos / 1e6, blocksCompiled, compileNanos / 1e6, regionsCompiled, regionBlocks,
                    regionEntriesReused, cache.invalidations(), dispatches.sum(), instret);
        }
    }
}
