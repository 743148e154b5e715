package dev.emu.engine.linux;

import java.util.Arrays;

/**
 * Where an ISA passes a system call in its registers: the vCPU register slot holding the
 * number, the slots of up to six arguments, and the slot that receives the result (a negative
 * errno on failure). RISC-V: a7 = slot 17, a0..a5 = slots 10..15, result in a0 = slot 10. The
 * ISA supplies it, so the Linux layer names no register.
 */
public record SyscallAbi(int numberSlot, int[] argSlots, int resultSlot) {
    public SyscallAbi {
        if (argSlots.length != 6) {
            throw new IllegalArgumentException("a Linux syscall takes six argument slots, got " + argSlots.length);
        }
        argSlots = argSlots.clone();
    }

    @Override
    public int[] argSlots() {
        return argSlots.clone();
    }

    int argSlot(int i) {
        return argSlots[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyscallAbi a && a.numberSlot == numberSlot && a.resultSlot == resultSlot
                && Arrays.equals(a.argSlots, argSlots);
    }

    @Override
    public int hashCode() {
        return numberSlot * 31 + resultSlot + Arrays.hashCode(argSlots);
    }

    @Override
    public String toString() {
        return "SyscallAbi[number=" + numberSlot + ", args=" + Arrays.toString(argSlots) + ", result=" + resultSlot + "]";
    }
}
