package dev.emu.engine.instrument;

import dev.emu.engine.plugin.Comparison;
import dev.emu.engine.plugin.ExecutionPoint;
import dev.emu.engine.plugin.RegisterAccess;
import dev.emu.engine.plugin.Scoreboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The shared part of the block and instruction handles: what is attached to the point, and the
 * validity check every method makes (a handle dies when its translation callback returns).
 */
abstract class PointHandle implements ExecutionPoint {
    final Instrumentation owner;
    final List<Attachment> attached = new ArrayList<>();
    private boolean valid = true;

    PointHandle(Instrumentation owner) {
        this.owner = owner;
    }

    /** Throws unless inside the translation callback that gave this handle. */
    final void check() {
        if (!valid) {
            throw new IllegalStateException("a " + kind() + " handle used outside the block-translation callback that gave it");
        }
    }

    final void invalidate() {
        valid = false;
    }

    abstract String kind();

    @Override
    public void onExecute(ExecutionCallback callback, RegisterAccess access) {
        check();
        attached.add(new Attachment.Call(owner.executionCallbackId(Objects.requireNonNull(callback)),
                Objects.requireNonNull(access)));
    }

    @Override
    public void inlineAdd(Scoreboard board, int slot, long value) {
        check();
        attached.add(new Attachment.Inline(owner.boardId(board, slot), slot, value, true));
    }

    @Override
    public void inlineStore(Scoreboard board, int slot, long value) {
        check();
        attached.add(new Attachment.Inline(owner.boardId(board, slot), slot, value, false));
    }

    @Override
    public void onCondition(Scoreboard board, int slot, Comparison comparison, long value,
                            ExecutionCallback callback, RegisterAccess access) {
        check();
        attached.add(new Attachment.Conditional(owner.boardId(board, slot), slot, Objects.requireNonNull(comparison),
                value, owner.executionCallbackId(Objects.requireNonNull(callback)), Objects.requireNonNull(access)));
    }
}
