package dev.emu.test;

import dev.emu.engine.plugin.Comparison;
import dev.emu.engine.plugin.Instruction;
import dev.emu.engine.plugin.MemoryDirection;
import dev.emu.engine.plugin.Plugin;
import dev.emu.engine.plugin.PluginArg;
import dev.emu.engine.plugin.PluginContext;
import dev.emu.engine.plugin.RegisterAccess;
import dev.emu.engine.plugin.Scoreboard;
import dev.emu.engine.plugin.TranslationBlock;

import java.util.List;

/**
 * A plugin that counts the same things three ways in one run, so a test can require they agree:
 * instructions and blocks by execution callbacks, by inline adds, and by conditional callbacks
 * that fire every {@code every} executions (each adds {@code every} and resets its inline
 * counter; the remainder is added at exit); memory accesses by callback and by inline add. The
 * callbacks declare each register access kind, so all three paths of the backend run. Prints
 * {@code insns CB INLINE COND}, {@code blocks CB INLINE COND}, {@code mem CB INLINE} at exit.
 */
public final class CountingPlugin implements Plugin {
    // Inline counters, per vCPU.
    private static final int INSN_INLINE = 0;
    private static final int BLOCK_INLINE = 1;
    private static final int INSN_SINCE = 2;
    private static final int BLOCK_SINCE = 3;
    private static final int MEM_INLINE = 4;
    // Callback counters, per vCPU.
    private static final int INSN_CB = 0;
    private static final int BLOCK_CB = 1;
    private static final int INSN_COND = 2;
    private static final int BLOCK_COND = 3;
    private static final int MEM_CB = 4;

    @Override
    public int abiVersion() {
        return Plugin.ABI_VERSION;
    }

    @Override
    public String name() {
        return "counting";
    }

    @Override
    public void install(PluginContext context, List<PluginArg> args) {
        long every = 1000;
        for (PluginArg a : args) {
            if (!a.key().equals("every")) {
                throw new IllegalArgumentException("unknown argument " + a);
            }
            every = Long.parseLong(a.value());
        }
        long n = every;
        Scoreboard inline = context.newScoreboard(5);
        Scoreboard counted = context.newScoreboard(5);
        context.onBlockTranslated(tb -> instrument(tb, inline, counted, n));
        context.onExit(() -> context.out(
                "insns " + counted.sum(INSN_CB) + " " + inline.sum(INSN_INLINE) + " "
                        + (counted.sum(INSN_COND) + inline.sum(INSN_SINCE)) + "\n"
                + "blocks " + counted.sum(BLOCK_CB) + " " + inline.sum(BLOCK_INLINE) + " "
                        + (counted.sum(BLOCK_COND) + inline.sum(BLOCK_SINCE)) + "\n"
                + "mem " + counted.sum(MEM_CB) + " " + inline.sum(MEM_INLINE) + "\n"));
    }

    private static void instrument(TranslationBlock tb, Scoreboard inline, Scoreboard counted, long every) {
        tb.onExecute(vcpu -> counted.add(vcpu, BLOCK_CB, 1), RegisterAccess.READ);
        tb.inlineAdd(inline, BLOCK_INLINE, 1);
        tb.inlineAdd(inline, BLOCK_SINCE, 1);
        tb.onCondition(inline, BLOCK_SINCE, Comparison.EQ, every, vcpu -> {
            counted.add(vcpu, BLOCK_COND, every);
            inline.set(vcpu, BLOCK_SINCE, 0);
        }, RegisterAccess.NONE);
        for (Instruction insn : tb.instructions()) {
            insn.onExecute(vcpu -> counted.add(vcpu, INSN_CB, 1), RegisterAccess.NONE);
            insn.inlineAdd(inline, INSN_INLINE, 1);
            insn.inlineAdd(inline, INSN_SINCE, 1);
            insn.onCondition(inline, INSN_SINCE, Comparison.GE, every, vcpu -> {
                counted.add(vcpu, INSN_COND, every);
                inline.set(vcpu, INSN_SINCE, 0);
            }, RegisterAccess.READ_WRITE);
            insn.onMemory((vcpu, access) -> counted.add(vcpu, MEM_CB, 1), MemoryDirection.READ_WRITE, RegisterAccess.NONE);
            insn.inlineMemoryAdd(MemoryDirection.READ_WRITE, inline, MEM_INLINE, 1);
        }
    }
}
