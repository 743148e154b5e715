/**
 * The engine's side of the plugin ABI ({@link dev.emu.engine.plugin}): loading and installing
 * plugins ({@link dev.emu.engine.instrument.PluginLoader}), the per-process state they hang off
 * ({@link dev.emu.engine.instrument.Instrumentation}: callbacks, scoreboards, the plugin log),
 * and the translation hook that turns what plugins attach to a block into IR
 * ({@link dev.emu.engine.instrument.BlockInstrumenter}): inline scoreboard ops, and CALLs of
 * {@link dev.emu.engine.instrument.PluginCalls} that dispatch to the plugins' callbacks.
 * Nothing here is part of the ABI; plugins never see these classes.
 */
package dev.emu.engine.instrument;
