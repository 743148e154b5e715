package dev.emu.engine.instrument;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.plugin.ExecutionPoint.ExecutionCallback;
import dev.emu.engine.plugin.Instruction.MemoryCallback;
import dev.emu.engine.plugin.MemoryAccess;
import dev.emu.engine.plugin.PluginContext.SyscallCallback;
import dev.emu.engine.plugin.PluginContext.TranslationCallback;
import dev.emu.engine.plugin.PluginContext.VcpuCallback;
import dev.emu.engine.plugin.Scoreboard;
import dev.emu.engine.translate.TranslationHook;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The plugins of one process and everything they registered: callbacks by event, scoreboards,
 * the tables translated code reaches callbacks through (by id, see {@link PluginCalls}), and the
 * plugin log. Made only when a plugin is installed: without one no vCPU, block or syscall ever
 * looks at it.
 *
 * <p>Threads: registration and the tables are guarded by this object's monitor; translated code
 * reads the tables through volatile references that only grow (a block is published after the
 * ids it uses). Each vCPU's scoreboard rows are its own ({@code Vcpu.scoreboards}); a new
 * scoreboard grows every vCPU's array of rows, keeping the existing rows.
 */
public final class Instrumentation {
    private final String programPath;
    private final PrintStream log;

    final List<VcpuCallback> vcpuInit = new CopyOnWriteArrayList<>();
    final List<VcpuCallback> vcpuExit = new CopyOnWriteArrayList<>();
    final List<TranslationCallback> translated = new CopyOnWriteArrayList<>();
    final List<SyscallCallback> syscallEntry = new CopyOnWriteArrayList<>();
    final List<SyscallCallback> syscallReturn = new CopyOnWriteArrayList<>();
    final List<Runnable> atExit = new CopyOnWriteArrayList<>();

    // Guarded by this.
    private final List<ScoreboardImpl> boards = new ArrayList<>();
    private final Map<ExecutionCallback, Integer> executionIds = new IdentityHashMap<>();
    private final Map<MemorySite, Integer> memoryIds = new HashMap<>();
    private volatile ExecutionCallback[] executionTable = new ExecutionCallback[0];
    private volatile MemorySite[] memoryTable = new MemorySite[0];

    /**
     * Every vCPU that ever ran (their rows count in sums after they exit), by index: an array
     * replaced when it grows, as scoreboard access from callbacks reads it on every call.
     */
    private volatile Vcpu[] vcpus = new Vcpu[0];
    private final Map<Integer, Boolean> exited = new ConcurrentHashMap<>();
    private volatile int vcpuCount;
    private final AtomicBoolean ended = new AtomicBoolean();

    /** A memory callback with what is fixed at its site: the access's size, sign and direction. */
    record MemorySite(MemoryCallback callback, int size, boolean signed, boolean store) {}

    /** {@code log}: where plugins' output goes (stderr, or the -D file with -d plugin). */
    public Instrumentation(String programPath, PrintStream log) {
        this.programPath = programPath;
        this.log = log;
    }

    /** The context a plugin installs itself with. */
    InstallContext contextFor(String pluginName) {
        return new InstallContext(this, pluginName);
    }

    String programPath() {
        return programPath;
    }

    /** The hook the translator loop calls, or null when no plugin watches translations. */
    public TranslationHook translationHook() {
        return translated.isEmpty() ? null : new BlockInstrumenter(this);
    }

    // ------------------------------------------------------------------ output

    void out(String text) {
        synchronized (log) {
            log.print(text);
        }
    }

    // ------------------------------------------------------------------ scoreboards

    synchronized Scoreboard newScoreboard(int slots) {
        if (slots <= 0) {
            throw new IllegalArgumentException("a scoreboard needs at least one slot, not " + slots);
        }
        ScoreboardImpl board = new ScoreboardImpl(this, boards.size(), slots);
        boards.add(board);
        for (Vcpu cpu : vcpus) {
            if (cpu == null) {
                continue;
            }
            long[][] rows = Arrays.copyOf(cpu.scoreboards, boards.size());
            rows[board.id] = new long[slots];
            cpu.scoreboards = rows;
        }
        return board;
    }

    /** The id of a scoreboard of this process, checking the slot. */
    int boardId(Scoreboard board, int slot) {
        if (!(board instanceof ScoreboardImpl b) || b.owner != this) {
            throw new IllegalArgumentException("not a scoreboard of this run: " + board);
        }
        b.checkSlot(slot);
        return b.id;
    }

    /** vCPU {@code vcpu}'s row of scoreboard {@code board}, or null for a vCPU that never ran. */
    long[] row(int vcpu, int board) {
        Vcpu[] all = vcpus;
        Vcpu cpu = vcpu >= 0 && vcpu < all.length ? all[vcpu] : null;
        return cpu == null ? null : cpu.scoreboards[board];
    }

    int vcpuCount() {
        return vcpuCount;
    }

    // ------------------------------------------------------------------ callback tables

    synchronized int executionCallbackId(ExecutionCallback callback) {
        Integer id = executionIds.get(callback);
        if (id == null) {
            id = executionTable.length;
            ExecutionCallback[] grown = Arrays.copyOf(executionTable, id + 1);
            grown[id] = callback;
            executionTable = grown;
            executionIds.put(callback, id);
        }
        return id;
    }

    synchronized int memorySiteId(MemoryCallback callback, int size, boolean signed, boolean store) {
        MemorySite site = new MemorySite(callback, size, signed, store);
        Integer id = memoryIds.get(site);
        if (id == null) {
            id = memoryTable.length;
            MemorySite[] grown = Arrays.copyOf(memoryTable, id + 1);
            grown[id] = site;
            memoryTable = grown;
            memoryIds.put(site, id);
        }
        return id;
    }

    void executed(Vcpu cpu, int id) {
        executionTable[id].executed(cpu.index);
    }

    void accessed(Vcpu cpu, int id, long address, long value) {
        MemorySite site = memoryTable[id];
        long v = site.store && site.size < 8 ? value & (-1L >>> (64 - 8 * site.size)) : value;
        site.callback.accessed(cpu.index, new MemoryAccess(address, site.size, site.signed, site.store, v));
    }

    // ------------------------------------------------------------------ vCPUs, syscalls, exit

    /** On the vCPU's own thread before it runs: give it its rows and the dispatcher, then the init callbacks. */
    public void vcpuInit(Vcpu cpu) {
        synchronized (this) {
            long[][] rows = new long[boards.size()][];
            for (ScoreboardImpl b : boards) {
                rows[b.id] = new long[b.slots()];
            }
            cpu.scoreboards = rows;
            cpu.instrumentation = this;
            Vcpu[] grown = Arrays.copyOf(vcpus, Math.max(vcpus.length, cpu.index + 1));
            grown[cpu.index] = cpu;
            vcpus = grown;
            vcpuCount = Math.max(vcpuCount, cpu.index + 1);
        }
        for (VcpuCallback c : vcpuInit) {
            c.call(cpu.index);
        }
    }

    /** When the vCPU's thread ends (once per vCPU; also called for the survivors at process exit). */
    public void vcpuExit(Vcpu cpu) {
        Vcpu[] all = vcpus;
        if (cpu.index >= all.length || all[cpu.index] != cpu || exited.putIfAbsent(cpu.index, Boolean.TRUE) != null) {
            return;
        }
        for (VcpuCallback c : vcpuExit) {
            c.call(cpu.index);
        }
    }

    /**
     * Before a system call: runs the entry callbacks. Returns null when no plugin watches
     * syscalls (then {@link #syscallReturn} need not be called), else the entry's handle, which
     * says whether a callback skipped the call.
     */
    public SyscallHandle syscallEntry(Vcpu cpu, long number, long[] args) {
        if (syscallEntry.isEmpty() && syscallReturn.isEmpty()) {
            return null;
        }
        SyscallHandle h = new SyscallHandle(cpu.index, number, args.clone(), true, 0, false);
        try {
            for (SyscallCallback c : syscallEntry) {
                c.call(h);
            }
        } finally {
            h.invalidate();
        }
        return h;
    }

    /** After a system call that {@link #syscallEntry} saw: the return callbacks with its result. */
    public void syscallReturn(Vcpu cpu, SyscallHandle entry, long number, long[] args, long result) {
        if (syscallReturn.isEmpty()) {
            return;
        }
        SyscallHandle h = new SyscallHandle(cpu.index, number, args.clone(), false, result, entry.wasSkipped());
        try {
            for (SyscallCallback c : syscallReturn) {
                c.call(h);
            }
        } finally {
            h.invalidate();
        }
    }

    /**
     * The process has ended: the exit callbacks of the vCPUs that did not exit on their own (from
     * this thread, as QEMU does), then the at-exit callbacks, then the log is flushed. Only the
     * first call acts.
     */
    public void processExit() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        for (Vcpu cpu : vcpus) {
            if (cpu != null) {
                vcpuExit(cpu);
            }
        }
        for (Runnable r : atExit) {
            r.run();
        }
        synchronized (log) {
            log.flush();
        }
    }
}
