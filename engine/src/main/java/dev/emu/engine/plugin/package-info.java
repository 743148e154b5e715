/**
 * emu's plugin ABI: the one package a plugin sees. Interfaces and records only; the engine
 * implements them elsewhere ({@code dev.emu.engine.instrument}), so nothing here can change by
 * accident (a test pins this package's public surface).
 *
 * <h2>Lifecycle</h2>
 * <ol>
 *   <li>emu finds the plugin (a {@link Plugin} named on the command line), checks
 *       {@link Plugin#abiVersion()} against {@link Plugin#ABI_VERSION}, and calls
 *       {@link Plugin#install} once, before the guest starts. There the plugin registers its
 *       callbacks and creates its {@link Scoreboard}s through the {@link PluginContext}.</li>
 *   <li>Each vCPU (guest thread) calls the vCPU-init callbacks on its own thread before it runs
 *       its first instruction, and the vCPU-exit callbacks when its thread ends.</li>
 *   <li>Each time the engine translates a block of guest code it calls the block-translation
 *       callbacks with a {@link TranslationBlock}; the plugin attaches, to the block or to its
 *       {@link Instruction}s, execution callbacks, memory callbacks, or inline operations on
 *       scoreboards. What it attaches runs every time that block runs.</li>
 *   <li>System calls call the syscall entry and return callbacks (a {@link SyscallEvent}).</li>
 *   <li>When the process ends (exit, exit_group, a fatal signal) the vCPUs still running get
 *       their exit callbacks, then the at-exit callbacks run, and the plugin log is flushed.</li>
 * </ol>
 *
 * <h2>Threads</h2>
 * Each guest thread is a vCPU on its own host thread, so execution, memory, syscall and vCPU
 * callbacks may run at the same time on different threads, each with its vCPU's index. Block
 * translation callbacks run one at a time (under the translation lock), on whichever vCPU
 * thread needed the block. {@link Scoreboard}s keep one row of counters per vCPU, so a vCPU's
 * inline operations and callbacks touch only its own row; sums read all rows.
 *
 * <h2>Handles</h2>
 * {@link TranslationBlock}, {@link Instruction} and {@link SyscallEvent} are handles: valid only
 * inside the callback that gave them. Using one afterwards throws {@link IllegalStateException}.
 * Records ({@link MemoryAccess}, {@link PluginArg}) are plain values, and a {@link Scoreboard}
 * lives as long as the process.
 */
package dev.emu.engine.plugin;
