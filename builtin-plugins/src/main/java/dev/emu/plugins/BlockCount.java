package dev.emu.plugins;

import dev.emu.engine.plugin.Plugin;
import dev.emu.engine.plugin.PluginArg;
import dev.emu.engine.plugin.PluginContext;
import dev.emu.engine.plugin.RegisterAccess;
import dev.emu.engine.plugin.Scoreboard;
import dev.emu.engine.plugin.TranslationBlock;

import java.util.List;

/**
 * {@code bb}: counts the blocks executed and the instructions in them, like QEMU's
 * tests/plugin/bb.c, and prints {@code bb's: N, insns: N} at exit (in user mode QEMU prints the
 * total, never per-vCPU lines). {@code inline=on} counts with inline adds compiled into each
 * block, otherwise a callback per block execution adds; {@code idle=on} is accepted (QEMU's
 * idle report never fires in user mode).
 */
public final class BlockCount implements Plugin {
    private static final int BLOCKS = 0;
    private static final int INSNS = 1;

    @Override
    public int abiVersion() {
        return Plugin.ABI_VERSION;
    }

    @Override
    public String name() {
        return "bb";
    }

    @Override
    public void install(PluginContext context, List<PluginArg> args) {
        boolean inline = false;
        for (PluginArg a : args) {
            switch (a.key()) {
                case "inline" -> inline = a.asBoolean();
                case "idle" -> a.asBoolean();
                default -> throw new IllegalArgumentException("option parsing failed: " + a);
            }
        }
        Scoreboard counts = context.newScoreboard(2);
        boolean useInline = inline;
        context.onBlockTranslated(tb -> instrument(tb, counts, useInline));
        context.onExit(() -> context.out("bb's: " + Long.toUnsignedString(counts.sum(BLOCKS))
                + ", insns: " + Long.toUnsignedString(counts.sum(INSNS)) + "\n"));
    }

    private static void instrument(TranslationBlock tb, Scoreboard counts, boolean inline) {
        int insns = tb.instructionCount();
        if (inline) {
            tb.inlineAdd(counts, BLOCKS, 1);
            tb.inlineAdd(counts, INSNS, insns);
        } else {
            tb.onExecute(vcpu -> {
                counts.add(vcpu, BLOCKS, 1);
                counts.add(vcpu, INSNS, insns);
            }, RegisterAccess.NONE);
        }
    }
}
