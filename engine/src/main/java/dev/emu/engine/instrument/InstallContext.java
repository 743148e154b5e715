package dev.emu.engine.instrument;

import dev.emu.engine.plugin.Plugin;
import dev.emu.engine.plugin.PluginContext;
import dev.emu.engine.plugin.Scoreboard;

import java.util.Objects;

/** The {@link PluginContext} one plugin installs itself with: registers into the process's {@link Instrumentation}. */
final class InstallContext implements PluginContext {
    private final Instrumentation owner;
    private final String pluginName;

    InstallContext(Instrumentation owner, String pluginName) {
        this.owner = owner;
        this.pluginName = pluginName;
    }

    @Override
    public int abiVersion() {
        return Plugin.ABI_VERSION;
    }

    @Override
    public String programPath() {
        return owner.programPath();
    }

    @Override
    public void onVcpuInit(VcpuCallback callback) {
        owner.vcpuInit.add(Objects.requireNonNull(callback));
    }

    @Override
    public void onVcpuExit(VcpuCallback callback) {
        owner.vcpuExit.add(Objects.requireNonNull(callback));
    }

    @Override
    public void onBlockTranslated(TranslationCallback callback) {
        owner.translated.add(Objects.requireNonNull(callback));
    }

    @Override
    public void onSyscall(SyscallCallback callback) {
        owner.syscallEntry.add(Objects.requireNonNull(callback));
    }

    @Override
    public void onSyscallReturn(SyscallCallback callback) {
        owner.syscallReturn.add(Objects.requireNonNull(callback));
    }

    @Override
    public void onExit(Runnable callback) {
        owner.atExit.add(Objects.requireNonNull(callback));
    }

    @Override
    public Scoreboard newScoreboard(int slots) {
        return owner.newScoreboard(slots);
    }

    @Override
    public void out(String text) {
        owner.out(text);
    }

    @Override
    public String toString() {
        return "plugin context of " + pluginName;
    }
}
