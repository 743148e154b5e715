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

import java.io.PrintStream;

/**
 * The vCPU run loop: find the block at pc (translating it on a miss), run it, follow the exit it
 * took. Direct exits are chained: the first time one is taken its successor is looked up and
 * remembered in the block, so later runs skip the lookup. Blocks start in the IR interpreter
 * and are compiled to bytecode once they have run {@code hotThreshold} times: code that runs
 * once pays no class generation.
 *
 * <p>Guest events leave as exceptions: {@link FatalSignal} for faults without a handler, and
 * whatever the syscall handler throws to end the process.
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
    }

    public void run(Vcpu cpu) {
        TranslationBlock tb = find(cpu);
        while (true) {
            if (++tb.runs == options.hotThreshold() && compiler != null && !tb.compiled) {
                compile(tb);
            }
            if (perBlockLogging) {
                logBlockEntry(cpu, tb);
            }
            int exit;
            try {
                exit = tb.code.run(cpu);
            } catch (MemoryFault fault) {
                throw new FatalSignal(fault.kind == MemoryFault.Kind.MISALIGNED_ATOMIC ? FatalSignal.SIGBUS
                        : FatalSignal.SIGSEGV, fault.address);
            } catch (IllegalInstruction e) {
                throw new FatalSignal(FatalSignal.SIGILL, cpu.pc);
            }
            if (exit >= 0) {
                cpu.instret += tb.insnsAtExit[exit];
                TranslationBlock next = tb.links[exit];
                if (next == null || !next.valid) {
                    next = find(cpu);
                    if (options.chaining()) {
                        tb.links[exit] = next;
                    }
                }
                tb = next;
                continue;
            }
            cpu.instret += tb.guestInsns;
            if (exit != CompiledBlock.INDIRECT) {
                switch (ExitReason.values()[CompiledBlock.EXIT_BASE - exit]) {
                    case SYSCALL -> syscalls.syscall(cpu);
                    case BREAKPOINT -> throw new FatalSignal(FatalSignal.SIGTRAP, cpu.pc);
                    case ILLEGAL_INSTRUCTION -> throw new FatalSignal(FatalSignal.SIGILL, cpu.pc);
                    case FLUSH_CODE -> cache.flushAll();
                }
            }
            tb = find(cpu);
        }
    }

    private TranslationBlock find(Vcpu cpu) {
        TranslationBlock tb = cache.lookup(cpu.pc);
        if (tb != null) {
            return tb;
        }
        long start = System.nanoTime();
        IrBlock ir;
        try {
            ir = translator.translate(cpu.memory, cpu.pc);
        } catch (MemoryFault fault) {
            throw new FatalSignal(FatalSignal.SIGSEGV, cpu.pc);
        }
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
        tb = new TranslationBlock(ir, new IrInterpreter(ir));
        blocksTranslated++;
        translateNanos += System.nanoTime() - start;
        if (options.hotThreshold() <= 0 && compiler != null) {
            compile(tb);
        }
        cache.add(tb);
        return tb;
    }

    private void compile(TranslationBlock tb) {
        long start = System.nanoTime();
        tb.code = compiler.compile(tb.ir);
        tb.compiled = true;
        if (options.logs("out_asm", tb.pc) && compiler instanceof Describing d) {
            log.print("OUT: [size=" + tb.guestBytes + "]\n" + d.describe(tb.code) + "\n");
        }
        tb.ir = null;
        blocksCompiled++;
        compileNanos += System.nanoTime() - start;
    }

    private void logGuestCode(IrBlock ir) {
        StringBuilder sb = new StringBuilder("----------------\nIN: \n");
        // The instruction starts are the INSN_START ops; their text comes from the frontend.
        for (var op : ir.ops) {
            if (op.op == dev.emu.engine.ir.Opcode.INSN_START) {
                sb.append(String.format("0x%016x:  %s%n", op.imm, frontend.disassemble(op.imm, memory)));
            }
        }
        log.print(sb.append('\n'));
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

    /** Counters for {@code stats} and benchmarks. */
    public String statistics() {
        return String.format("blocks translated %d (%.1f ms), compiled %d (%.1f ms), invalidated %d",
                blocksTranslated, translateNanos / 1e6, blocksCompiled, compileNanos / 1e6, cache.invalidations());
    }
}
