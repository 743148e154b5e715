package dev.emu.test;

import dev.emu.engine.plugin.Plugin;
import dev.emu.engine.plugin.PluginArg;
import dev.emu.engine.plugin.PluginContext;
import dev.emu.engine.plugin.SyscallEvent;
import dev.emu.engine.plugin.TranslationBlock;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A syscall observer and filter, and a misuse of handles. With {@code mute=on} it skips every
 * write to fd 1 and answers its length, so the guest believes it printed; either way it counts
 * writes to fd 1 at entry and at return and sums what they returned. At exit it tries a block
 * handle and a syscall event kept from their callbacks and prints what using them threw.
 */
public final class SyscallPlugin implements Plugin {
    private static final long WRITE = 64;

    @Override
    public int abiVersion() {
        return Plugin.ABI_VERSION;
    }

    @Override
    public String name() {
        return "syscalls";
    }

    @Override
    public void install(PluginContext context, List<PluginArg> args) {
        boolean mute = !args.isEmpty() && args.get(0).key().equals("mute") && args.get(0).asBoolean();
        AtomicLong entries = new AtomicLong();
        AtomicLong returns = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicReference<TranslationBlock> keptBlock = new AtomicReference<>();
        AtomicReference<SyscallEvent> keptEvent = new AtomicReference<>();
        context.onBlockTranslated(keptBlock::set);
        context.onSyscall(e -> {
            keptEvent.set(e);
            if (e.number() == WRITE && e.arg(0) == 1) {
                entries.incrementAndGet();
                if (mute) {
                    e.skip(e.arg(2));
                }
            }
        });
        context.onSyscallReturn(e -> {
            if (e.number() == WRITE && e.arg(0) == 1) {
                returns.incrementAndGet();
                bytes.addAndGet(e.result());
            }
        });
        context.onExit(() -> context.out("writes " + entries + " " + returns + " " + bytes + "\n"
                + "stale block: " + misuse(() -> keptBlock.get().vaddr()) + "\n"
                + "stale insn: " + misuse(() -> keptBlock.get().instruction(0)) + "\n"
                + "stale syscall: " + misuse(() -> keptEvent.get().number()) + "\n"));
    }

    private static String misuse(Runnable use) {
        try {
            use.run();
            return "no error";
        } catch (IllegalStateException e) {
            return "IllegalStateException";
        }
    }
}
