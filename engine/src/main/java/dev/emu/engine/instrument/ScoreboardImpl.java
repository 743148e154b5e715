package dev.emu.engine.instrument;

import dev.emu.engine.plugin.Scoreboard;

/**
 * A scoreboard: id {@code id} in every vCPU's {@code scoreboards} array, whose row there is what
 * inline operations update. The rows belong to the vCPUs; this reads them through the owner.
 */
final class ScoreboardImpl implements Scoreboard {
    final Instrumentation owner;
    final int id;
    private final int slots;

    ScoreboardImpl(Instrumentation owner, int id, int slots) {
        this.owner = owner;
        this.id = id;
        this.slots = slots;
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public int vcpus() {
        return owner.vcpuCount();
    }

    @Override
    public long get(int vcpu, int slot) {
        return row(vcpu, slot)[slot];
    }

    @Override
    public void set(int vcpu, int slot, long value) {
        row(vcpu, slot)[slot] = value;
    }

    @Override
    public void add(int vcpu, int slot, long delta) {
        row(vcpu, slot)[slot] += delta;
    }

    @Override
    public long sum(int slot) {
        checkSlot(slot);
        long total = 0;
        for (int v = 0; v < owner.vcpuCount(); v++) {
            long[] row = owner.row(v, id);
            if (row != null) {
                total += row[slot];
            }
        }
        return total;
    }

    private long[] row(int vcpu, int slot) {
        checkSlot(slot);
        long[] row = owner.row(vcpu, id);
        if (row == null) {
            throw new IndexOutOfBoundsException("no vCPU " + vcpu + " (vCPUs so far: " + owner.vcpuCount() + ")");
        }
        return row;
    }

    void checkSlot(int slot) {
        if (slot < 0 || slot >= slots) {
            throw new IndexOutOfBoundsException("slot " + slot + " of a scoreboard of " + slots);
        }
    }
}
