package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.elf.ElfFile;
import dev.emu.engine.exec.ExecutionLoop;
import dev.emu.engine.exec.FatalSignal;
import dev.emu.engine.exec.GuestTrap;
import dev.emu.engine.exec.SyscallHandler;
import dev.emu.engine.instrument.Instrumentation;
import dev.emu.engine.instrument.SyscallHandle;
import dev.emu.engine.loader.ElfLoader;
import dev.emu.engine.loader.ExecRequest;
import dev.emu.engine.loader.ProgramImage;
import dev.emu.engine.loader.Sysroot;
import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.mem.MemoryFault;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * One guest process under Linux user-mode emulation: its memory map, descriptors, signal
 * dispositions, limits and identity, and the system call entry point the run loop calls when a
 * vCPU executes its ISA's syscall instruction.
 *
 * <p>Lifecycle: {@link #start} loads the program; the caller creates vCPU 0, calls
 * {@link #initMainThread}, then {@link #run} (or, single-threaded, runs it on the run loop
 * itself); on each syscall instruction the run loop calls {@link #syscall}
 * (the process is the run loop's {@link SyscallHandler}; it leaves the pc alone, which the
 * run loop has already moved past the instruction). A syscall may throw
 * {@link GuestExit} (exit_group, exit of the last thread) or {@link FatalSignal} (a signal whose
 * action ends the process), which end the process with their exit status; {@link GuestThreads}
 * keeps the threads and decides when the process has ended.
 *
 * <p>The guest sees the host's file system, user and clocks directly, as under qemu-user.
 */
public final class LinuxProcess implements SyscallHandler {
    private final LinuxTarget target;
    private final AddressSpace addressSpace;
    private final FdTable files;
    private final SignalState signals;
    private final SignalDelivery delivery;
    private final SignalTimers timers = new SignalTimers(this);
    private final Futexes futexes = new Futexes();
    private final ResourceLimits limits = new ResourceLimits();
    private final SyscallTable syscalls;
    private final ProgramImage image;
    private final Path executable;
    private final int pid;
    private final int uid;
    private final int gid;
    private final GuestThreads threads = new GuestThreads(this);
    private final Credentials credentials;
    private final ProcessSettings settings;
    /** Where -d unimp logs the calls emu does not implement; null: nowhere. */
    private volatile PrintStream unimplementedLog;
    private volatile Path cwd = Path.of("").toAbsolutePath();
    private int umask = 022;
    private byte[] terminalModes = Terminal.cookedTermios();
    /** getrandom's source; made on first use, as a SecureRandom costs tens of ms to set up. */
    private RandomGenerator random;
    private volatile SyscallListener listener;
    private volatile Instrumentation instrumentation;
    /** Where absolute guest paths are looked up first (-L); set once by start. */
    private Sysroot sysroot = Sysroot.none();

    public LinuxProcess(LinuxTarget target, GuestMemory memory, ProgramImage image, Path executable,
                        StandardStreams streams) {
        this.target = target;
        this.addressSpace = new AddressSpace(memory, image);
        this.files = new FdTable(streams);
        this.syscalls = SyscallTable.linux();
        this.image = image;
        this.executable = executable.toAbsolutePath().normalize();
        this.pid = (int) ProcessHandle.current().pid();
        int[] ids = HostIdentity.ids();
        this.uid = ids[0];
        this.gid = ids[1];
        this.signals = new SignalState(pid, uid);
        this.credentials = Credentials.ofHost(uid, gid);
        this.settings = new ProcessSettings(pid);
        this.delivery = new SignalDelivery(this);
    }

    /**
     * Loads a program into fresh guest memory: argv is the whole argument vector
     * (argv[0] included), envp the environment the guest gets.
     */
    public static LinuxProcess start(LinuxTarget target, Path program, List<String> argv, List<String> envp,
                                     StandardStreams streams) throws IOException {
        return start(target, program, ElfFile.read(program), argv, envp, streams);
    }

    /** The same, for a caller that has already read the ELF file (to choose the ISA). */
    public static LinuxProcess start(LinuxTarget target, Path program, ElfFile elf, List<String> argv,
                                     List<String> envp, StandardStreams streams) throws IOException {
        return start(target, program, elf, argv, envp, streams, LaunchOptions.defaults());
    }

    /**
     * The same with a library prefix (the dynamic loader and the guest's absolute paths are
     * looked up there first) and, when options give a seed, reproducible AT_RANDOM and getrandom
     * bytes, both drawn from one generator as qemu's -seed does.
     */
    public static LinuxProcess start(LinuxTarget target, Path program, ElfFile elf, List<String> argv,
                                     List<String> envp, StandardStreams streams, LaunchOptions options)
            throws IOException {
        GuestMemory memory = new GuestMemory();
        RandomGenerator seeded = options.randomSeed().isPresent()
                ? new SplittableRandom(options.randomSeed().getAsLong()) : null;
        byte[] random = atRandomBytes(seeded);
        int[] ids = HostIdentity.ids();
        ExecRequest request = new ExecRequest(program.toString(), argv, envp, target.hwcap(),
                target.minSigStackSize(), ids[0], ids[1], random);
        boolean onDisk = Files.exists(program);
        ProgramImage image = ElfLoader.load(elf, onDisk ? program : null, memory, request, options.sysroot());
        Path real = onDisk ? program.toRealPath() : program;
        LinuxProcess process = new LinuxProcess(target, memory, image, real, streams);
        process.sysroot = options.sysroot();
        if (seeded != null) {
            process.setRandom(seeded);
        }
        return process;
    }

    /** Points vCPU 0 at the entry point with the initial stack; every other register starts at zero. */
    public void initMainThread(Vcpu cpu) {
        cpu.pc = image.entry();
        cpu.regs[target.stackPointerSlot()] = image.stackPointer();
        thread(cpu);
    }

    /**
     * Runs the system call the vCPU asks for: number and arguments from the ISA's registers,
     * the result (or a negative errno) into its result register.
     */
    @Override
    public void syscall(Vcpu cpu) {
        SyscallAbi abi = target.syscallAbi();
        long number = cpu.regs[abi.numberSlot()];
        long[] args = new long[6];
        for (int i = 0; i < 6; i++) {
            args[i] = cpu.regs[abi.argSlot(i)];
        }
        SyscallTable.Entry entry = syscalls.lookup(number);
        SyscallListener l = listener;
        if (l != null) {
            l.onEntry(this, cpu, number, entry, args);
        }
        Instrumentation plugins = cpu.instrumentation;
        SyscallHandle seen = plugins != null ? plugins.syscallEntry(cpu, number, args) : null;
        long result = seen != null && seen.wasSkipped() ? seen.skipResult() : run(cpu, number, entry, args);
        cpu.regs[abi.resultSlot()] = result;
        if (seen != null) {
            plugins.syscallReturn(cpu, seen, number, args, result);
        }
        if (l != null) {
            l.onReturn(this, cpu, number, entry, args, result);
        }
    }

    private long run(Vcpu cpu, long number, SyscallTable.Entry entry, long[] args) {
        long result;
        try {
            result = entry == null ? unimplemented(number) : entry.handler().call(this, cpu, args);
        } catch (SyscallError e) {
            result = -e.errno;
        } catch (MemoryFault e) {
            result = -Errno.EFAULT;
        } catch (IOException e) {
            result = -Errno.of(e);
        }
        if (SignalDelivery.isRestartCode(result)) {
            delivery.syscallInterrupted(cpu, (int) -result, args[0]);
            result = -Errno.EINTR;
        }
        return result;
    }

    /** A fault, illegal instruction or breakpoint: to the guest's handler, or the end of the process. */
    @Override
    public void trap(Vcpu cpu, GuestTrap trap, long address) {
        delivery.trap(cpu, trap, address);
    }

    /**
     * At a block boundary after another thread (or a signal) asked for this vCPU: stop it if the
     * process is ending, else take the signals that arrived for its thread.
     */
    @Override
    public void interrupted(Vcpu cpu) {
        cpu.clearInterrupt();
        threads.stopIfEnding();
        delivery.interrupted(cpu);
    }

    SignalTimers timers() {
        return timers;
    }

    SignalDelivery delivery() {
        return delivery;
    }

    /** -d unimp: a line for each call emu does not implement goes to log (null: none). */
    public void setUnimplementedLog(PrintStream log) {
        unimplementedLog = log;
    }

    /** Logs a call emu does not implement (or refuses, like execve) the way -d unimp asks. */
    void logUnimplemented(long number) {
        PrintStream log = unimplementedLog;
        if (log != null) {
            log.println("Unsupported syscall: " + number + " (" + SyscallNumbers.name(number) + ")");
        }
    }

    private long unimplemented(long number) {
        logUnimplemented(number);
        return -Errno.ENOSYS;
    }

    /**
     * The plugins of this process, or null: set before {@link #run}; each thread's vCPU joins
     * them when it starts (which is how its syscalls reach them).
     */
    public void setInstrumentation(Instrumentation plugins) {
        this.instrumentation = plugins;
    }

    public Instrumentation instrumentation() {
        return instrumentation;
    }

    /** Installs the -strace hook; null removes it. */
    public void setSyscallListener(SyscallListener listener) {
        this.listener = listener;
    }

    /** Replaces the source of getrandom's bytes (tests make it deterministic). */
    public synchronized void setRandom(RandomGenerator random) {
        this.random = random;
    }

    synchronized RandomGenerator random() {
        if (random == null) {
            random = new SecureRandom();
        }
        return random;
    }

    /**
     * The 16 bytes of AT_RANDOM (glibc's stack canary and pointer guard), from the kernel's
     * /dev/urandom as Linux gives them; a SecureRandom where that is missing (it is slow to start);
     * the seeded generator's when -seed asked for reproducible runs.
     */
    private static byte[] atRandomBytes(RandomGenerator seeded) {
        byte[] bytes = new byte[ExecRequest.RANDOM_BYTES];
        if (seeded != null) {
            seeded.nextBytes(bytes);
            return bytes;
        }
        try (var in = new java.io.FileInputStream("/dev/urandom")) {
            if (in.readNBytes(bytes, 0, bytes.length) == bytes.length) {
                return bytes;
            }
        } catch (IOException e) {
            // fall through
        }
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** The Linux state of the thread running on this vCPU (the main thread's tid is the pid). */
    public GuestThread thread(Vcpu cpu) {
        return threads.of(cpu);
    }

    /** The live thread with this thread id, or null (for tkill/tgkill). */
    public GuestThread threadById(int tid) {
        return threads.byTid(tid);
    }

    /** Every live thread of the process (process-directed signals pick one). */
    List<GuestThread> threadList() {
        return threads.all();
    }

    /**
     * Runs the program: its main thread on {@code main} (after {@link #initMainThread}), and every
     * thread it clones, each on a host thread of its own, all on {@code loop}, until the process
     * ends. Never returns normally: throws {@link GuestExit} with the exit status, the
     * {@link FatalSignal} that ended the process, or the internal error that did.
     */
    public void run(ExecutionLoop loop, Vcpu main) {
        threads.run(loop, main);
    }

    GuestThreads threads() {
        return threads;
    }

    /** The library prefix absolute guest paths are looked up in first (none unless -L). */
    public Sysroot sysroot() {
        return sysroot;
    }

    public LinuxTarget target() {
        return target;
    }

    public GuestMemory memory() {
        return addressSpace.memory();
    }

    public AddressSpace addressSpace() {
        return addressSpace;
    }

    public FdTable files() {
        return files;
    }

    public SignalState signals() {
        return signals;
    }

    Futexes futexes() {
        return futexes;
    }

    public ResourceLimits limits() {
        return limits;
    }

    public ProgramImage image() {
        return image;
    }

    /** The program's absolute host path (what /proc/self/exe points to). */
    public Path executable() {
        return executable;
    }

    /** The host's pid, as qemu-user reports it. */
    public int pid() {
        return pid;
    }

    /** The host user's uid (real and effective alike). */
    public int uid() {
        return uid;
    }

    public int gid() {
        return gid;
    }

    /** The guest's user and group ids (the host's at start). */
    Credentials credentials() {
        return credentials;
    }

    ProcessSettings settings() {
        return settings;
    }

    public Path cwd() {
        return cwd;
    }

    /** chdir/fchdir: the directory relative paths and AT_FDCWD start from (the host's own stays put). */
    void setCwd(Path dir) {
        cwd = dir;
    }

    /** The struct termios TCGETS reports: what the guest last set with TCSETS, at first a cooked terminal. */
    synchronized byte[] terminalModes() {
        return terminalModes.clone();
    }

    synchronized void setTerminalModes(byte[] termios) {
        terminalModes = termios.clone();
    }

    synchronized int umask() {
        return umask;
    }

    synchronized int setUmask(int mask) {
        int old = umask;
        umask = mask & 0777;
        return old;
    }
}
