package dev.emu.test;

import dev.emu.engine.plugin.Plugin;
import dev.emu.engine.plugin.PluginArg;
import dev.emu.engine.plugin.PluginContext;

import java.util.List;

/** A plugin that says it was built for the next ABI version: emu must refuse it. */
public final class OtherAbiPlugin implements Plugin {
    @Override
    public int abiVersion() {
        return Plugin.ABI_VERSION + 1;
    }

    @Override
    public String name() {
        return "future";
    }

    @Override
    public void install(PluginContext context, List<PluginArg> args) {
        throw new AssertionError("must not be installed");
    }
}
