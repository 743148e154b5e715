/**
 * The target-independent core of emu: IR, optimizer, JVM-bytecode backend, block cache, vCPU
 * run loop, guest memory, the Linux user-mode layer and the plugin ABI. It names no guest
 * instruction set; ISAs plug in through {@link dev.emu.engine.isa.IsaProvider}.
 */
package dev.emu.engine;
