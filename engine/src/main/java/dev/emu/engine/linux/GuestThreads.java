package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.exec.ExecutionLoop;
import dev.emu.engine.instrument.Instrumentation;
import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.mem.MemoryFault;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads of one guest process. Each guest thread is a vCPU run by its own host (platform)
 * thread on the process's one run loop, so all share guest memory and translations.
 *
 * <p>Lifecycle: {@link #run} starts the main thread and waits for the process to end; clone adds
 * threads. A thread that calls exit leaves alone (its clear_child_tid word is zeroed and woken,
 * which is how pthread_join learns of it), unless it is the last, which ends the process with
 * its status. exit_group, a fatal signal or an internal error in any thread ends the process:
 * the first such outcome is kept, every other vCPU is asked to stop (its interrupt request,
 * checked between blocks and in futex waits), and {@link #run} rethrows the outcome without
 * waiting for them: they are daemon threads, and a thread spinning inside a compiled region or
 * blocked in host I/O dies with the JVM.
 *
 * <p>Thread ids: the main thread's is the pid (as on Linux), the n-th vCPU's pid + n, never reused.
 */
final class GuestThreads {
    /** Ends the calling vCPU's run without ending the process (exit of one thread, or stop). */
    static final class ThreadExit extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ThreadExit() {
            super("guest thread exited", null, false, false);
        }
    }

    private final LinuxProcess process;
    /** Live threads by vCPU index. */
    private final Map<Integer, GuestThread> byIndex = new ConcurrentHashMap<>();
    // Guarded by this.
    private int nextIndex = 1;
    private int live = 1;
    private ExecutionLoop loop;
    private Throwable outcome;
    private volatile boolean ending;

    GuestThreads(LinuxProcess process) {
        this.process = process;
    }

    /** The state of the thread on this vCPU (made on first use for a vCPU the caller created). */
    GuestThread of(Vcpu cpu) {
        GuestThread t = byIndex.get(cpu.index);
        if (t != null) {
            return t;
        }
        return byIndex.computeIfAbsent(cpu.index, i -> {
            GuestThread fresh = new GuestThread(tidOf(i));
            fresh.cpu = cpu;
            return fresh;
        });
    }

    /** The live threads. */
    java.util.List<GuestThread> all() {
        return java.util.List.copyOf(byIndex.values());
    }

    /** The live thread with this thread id, or null. */
    GuestThread byTid(int tid) {
        int index = tid == process.pid() ? 0 : tid - process.pid();
        return index < 0 ? null : byIndex.get(index);
    }

    private int tidOf(int index) {
        return index == 0 ? process.pid() : process.pid() + index;
    }

    /**
     * Runs the main thread on vCPU {@code main} (on a host thread of its own) and waits until the
     * process ends; never returns normally: throws the outcome ({@link GuestExit},
     * {@link dev.emu.engine.exec.FatalSignal}, or the internal error that ended it).
     */
    void run(ExecutionLoop runLoop, Vcpu main) {
        GuestThread t = of(main);
        synchronized (this) {
            this.loop = runLoop;
        }
        start(t);
        Throwable end;
        synchronized (this) {
            boolean interrupted = false;
            while (outcome == null) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            end = outcome;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (end instanceof RuntimeException r) {
            throw r;
        }
        throw (Error) end;
    }

    private void start(GuestThread t) {
        Thread host = Thread.ofPlatform().daemon(true).name("vcpu-" + t.cpu.index).unstarted(() -> runThread(t));
        t.host = host;
        host.start();
    }

    /** Runs one thread's vCPU; plugins (when installed) see it start and, unless the process ends first, exit. */
    private void runThread(GuestThread t) {
        Instrumentation plugins = process.instrumentation();
        try {
            if (plugins != null) {
                plugins.vcpuInit(t.cpu);
            }
            loop.run(t.cpu);
            end(new IllegalStateException("the run loop returned without an exit"));
        } catch (ThreadExit e) {
            if (plugins != null && !ending) {
                plugins.vcpuExit(t.cpu);
            }
        } catch (RuntimeException | Error e) {
            end(e);
        }
    }

    /** Records how the process ended (the first outcome wins) and asks every vCPU to stop. */
    private void end(Throwable how) {
        synchronized (this) {
            if (outcome == null) {
                outcome = how;
            }
            ending = true;
            notifyAll();
        }
        for (GuestThread t : byIndex.values()) {
            Vcpu cpu = t.cpu;
            if (cpu != null) {
                cpu.requestInterrupt();
            }
            Thread host = t.host;
            if (host != null && host != Thread.currentThread()) {
                LockSupport.unpark(host);
            }
        }
    }

    /** Whether the process is ending (exit_group, a fatal signal, an internal error): waits give up. */
    boolean isEnding() {
        return ending;
    }

    /** The run loop's interrupt hook: ends the vCPU's run once the process is ending. */
    void stopIfEnding() {
        if (ending) {
            throw new ThreadExit();
        }
    }

    /**
     * clone for a new thread in this process: a vCPU copied from the parent's (result register 0,
     * stack pointer newSp unless 0, thread pointer tls with CLONE_SETTLS), the parent's signal
     * mask, name and scheduling settings, and a host thread to run it. Returns the new thread id.
     */
    long cloneThread(Vcpu parent, long flags, long newSp, long parentTid, long tls, long childTid) {
        LinuxTarget target = process.target();
        if ((flags & ThreadSyscalls.CLONE_SETTLS) != 0 && target.threadPointerSlot() < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        GuestThread child;
        synchronized (this) {
            if (loop == null || ending) {
                throw new SyscallError(Errno.EAGAIN); // no run loop to start threads on (a bare harness)
            }
            int index = nextIndex++;
            Vcpu cpu = parent.copy(index);
            cpu.regs[target.syscallAbi().resultSlot()] = 0;
            if (newSp != 0) {
                cpu.regs[target.stackPointerSlot()] = newSp;
            }
            if ((flags & ThreadSyscalls.CLONE_SETTLS) != 0) {
                cpu.regs[target.threadPointerSlot()] = tls;
            }
            child = new GuestThread(tidOf(index));
            child.cpu = cpu;
            of(parent).inheritInto(child);
            if ((flags & ThreadSyscalls.CLONE_CHILD_CLEARTID) != 0) {
                child.clearChildTid = childTid;
            }
            GuestMemory m = process.memory();
            if ((flags & ThreadSyscalls.CLONE_PARENT_SETTID) != 0) {
                GuestMemory.store32(m, parentTid, child.tid);
            }
            if ((flags & ThreadSyscalls.CLONE_CHILD_SETTID) != 0) {
                GuestMemory.store32(m, childTid, child.tid);
            }
            byIndex.put(index, child);
            live++;
        }
        start(child);
        return child.tid;
    }

    /**
     * exit: ends the calling thread; the last thread's exit ends the process with its status.
     * Never returns.
     */
    void exitThread(Vcpu cpu, int status) {
        GuestThread t = of(cpu);
        boolean last;
        synchronized (this) {
            byIndex.remove(cpu.index);
            last = --live == 0;
        }
        if (last) {
            throw new GuestExit(status);
        }
        long tidAddress = t.clearChildTid;
        if (tidAddress != 0) {
            try {
                GuestMemory.store32(process.memory(), tidAddress, 0);
                process.futexes().wake(tidAddress, 1, ThreadSyscalls.FUTEX_BITSET_MATCH_ANY);
            } catch (MemoryFault e) {
                // Linux ignores a bad clear_child_tid address too
            }
        }
        throw new ThreadExit();
    }
}
