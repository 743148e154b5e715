package dev.emu.engine.exec;

import dev.emu.engine.mem.GuestMemory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every valid translation by guest address, the blocks of each guest page (so a write to a code
 * page drops them), and a small direct-mapped cache in front for computed jumps.
 */
public final class BlockCache {
    private static final int JUMP_CACHE_BITS = 12;

    private final Map<Long, TranslationBlock> byPc = new HashMap<>();
    private final Map<Long, List<TranslationBlock>> byPage = new HashMap<>();
    private final TranslationBlock[] jumpCache = new TranslationBlock[1 << JUMP_CACHE_BITS];
    private long invalidations;

    public TranslationBlock lookup(long pc) {
        int slot = (int) (pc >>> 1) & ((1 << JUMP_CACHE_BITS) - 1);
        TranslationBlock tb = jumpCache[slot];
        if (tb != null && tb.pc == pc && tb.valid) {
            return tb;
        }
        tb = byPc.get(pc);
        if (tb != null) {
            jumpCache[slot] = tb;
        }
        return tb;
    }

    public void add(TranslationBlock tb) {
        byPc.put(tb.pc, tb);
        long first = tb.pc >>> GuestMemory.PAGE_BITS;
        long last = (tb.endPc() - 1) >>> GuestMemory.PAGE_BITS;
        for (long p = first; p <= last; p++) {
            byPage.computeIfAbsent(p, k -> new ArrayList<>()).add(tb);
        }
    }

    /**
     * Registers a region on the pages of its other blocks too, so a write to any of them drops
     * the region's entry block (with its compiled region) and the run loop retranslates it.
     */
    public void addRegion(TranslationBlock entry, List<TranslationBlock> blocks) {
        for (TranslationBlock tb : blocks) {
            if (tb == entry) {
                continue;
            }
            long first = tb.pc >>> GuestMemory.PAGE_BITS;
            long last = (tb.endPc() - 1) >>> GuestMemory.PAGE_BITS;
            for (long p = first; p <= last; p++) {
                byPage.computeIfAbsent(p, k -> new ArrayList<>()).add(entry);
            }
        }
    }

    /** Drops every block that covers the guest page. */
    public void invalidatePage(long page) {
        List<TranslationBlock> blocks = byPage.remove(page);
        if (blocks == null) {
            return;
        }
        for (TranslationBlock tb : blocks) {
            if (tb.valid) {
                tb.valid = false;
                invalidations++;
                byPc.remove(tb.pc, tb);
            }
        }
    }

    public void flushAll() {
        for (TranslationBlock tb : byPc.values()) {
            tb.valid = false;
        }
        invalidations += byPc.size();
        byPc.clear();
        byPage.clear();
        java.util.Arrays.fill(jumpCache, null);
    }

    public int size() {
        return byPc.size();
    }

    public long invalidations() {
        return invalidations;
    }
}
