package dev.emu.engine.plugin;

/**
 * What a plugin gets at install time: registration of its callbacks, its scoreboards, and its
 * output. Valid for the whole run; every method may be called from any thread, but callbacks
 * registered after the guest started see only the events after their registration.
 */
public interface PluginContext {
    /** The ABI version emu provides ({@link Plugin#ABI_VERSION} of the engine). */
    int abiVersion();

    /** The guest program's path, as given on the command line. */
    String programPath();

    /** Called on a vCPU's own thread before it runs its first guest instruction. */
    void onVcpuInit(VcpuCallback callback);

    /** Called on a vCPU's own thread when its guest thread ends, or at process exit for vCPUs still running. */
    void onVcpuExit(VcpuCallback callback);

    /** Called after a block of guest code is translated, before it first runs. */
    void onBlockTranslated(TranslationCallback callback);

    /** Called on the vCPU's thread before each system call; the callback may skip it (see {@link SyscallEvent#skip}). */
    void onSyscall(SyscallCallback callback);

    /** Called on the vCPU's thread after each system call, with its result. */
    void onSyscallReturn(SyscallCallback callback);

    /** Called once when the process ends, after the vCPU-exit callbacks, before emu exits. */
    void onExit(Runnable callback);

    /** A new scoreboard of {@code slots} longs per vCPU, all zero. Best created in {@link Plugin#install}. */
    Scoreboard newScoreboard(int slots);

    /**
     * Writes text to emu's plugin log: stderr, or the {@code -D} file when {@code -d plugin} is
     * on (as QEMU's {@code qemu_plugin_outs}). Thread-safe; each call's text stays whole.
     */
    void out(String text);

    /** A callback with a vCPU index. */
    @FunctionalInterface
    interface VcpuCallback {
        void call(int vcpu);
    }

    /** A block-translation callback; the block is valid only during the call. */
    @FunctionalInterface
    interface TranslationCallback {
        void translated(TranslationBlock block);
    }

    /** A system call callback; the event is valid only during the call. */
    @FunctionalInterface
    interface SyscallCallback {
        void call(SyscallEvent event);
    }
}
