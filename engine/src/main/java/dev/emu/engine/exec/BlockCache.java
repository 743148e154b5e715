package dev.emu.engine.exec;

import dev.emu.engine.mem.GuestMemory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every valid translation by guest address, and the blocks of each guest page (so a write to a
 * code page drops them), shared by all vCPU threads.
 *
 * <p>Concurrency: lookups take no lock (a concurrent map, in front of it each thread's own
 * direct-mapped jump cache of recent computed-jump targets, checked by pc and validity). Every
 * change (add, replace, invalidate, flush) runs under this object's monitor, which is also the
 * run loop's translation lock, so a translation is published whole and an invalidation never
 * interleaves with one. A thread already running a dropped block finishes it: like a hart that
 * has not yet executed fence.i, it may run the old code until its next lookup.
 */
public final class BlockCache {
    static final int JUMP_CACHE_BITS = 12;
    private static final int JUMP_CACHE_MASK = (1 << JUMP_CACHE_BITS) - 1;

    private final Map<Long, TranslationBlock> byPc = new ConcurrentHashMap<>();
    /** Guarded by this. */
    private final Map<Long, List<TranslationBlock>> byPage = new HashMap<>();
    private long invalidations;

    /** A new per-thread jump cache for {@link #lookup(long, TranslationBlock[])}. */
    static TranslationBlock[] newJumpCache() {
        return new TranslationBlock[1 << JUMP_CACHE_BITS];
    }

    /** The valid block at pc, or null; lock-free. */
    public TranslationBlock lookup(long pc) {
        return byPc.get(pc);
    }

    /** The same, through a thread's own jump cache. */
    TranslationBlock lookup(long pc, TranslationBlock[] jumpCache) {
        int slot = (int) (pc >>> 1) & JUMP_CACHE_MASK;
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

    public synchronized void add(TranslationBlock tb) {
        byPc.put(tb.pc, tb);
        onPages(tb, tb);
    }

    /**
     * Puts {@code fresh} (a compiled form of {@code old}, same pc) in old's place and drops old,
     * so threads that chained to it look the pc up again. A region is registered on the pages of
     * its other blocks too, so a write to any of them drops it and the run loop retranslates.
     */
    synchronized void replace(TranslationBlock old, TranslationBlock fresh) {
        if (!old.valid) {
            return;
        }
        old.valid = false;
        byPc.put(fresh.pc, fresh);
        List<TranslationBlock> blocks = fresh.region != null ? fresh.region : List.of(fresh);
        for (TranslationBlock tb : blocks) {
            onPages(tb, fresh);
        }
        removeFromPages(old);
    }

    /** Registers a region's entry on the pages of its other blocks (see {@link #replace}). */
    public synchronized void addRegion(TranslationBlock entry, List<TranslationBlock> blocks) {
        for (TranslationBlock tb : blocks) {
            if (tb != entry) {
                onPages(tb, entry);
            }
        }
    }

    private void onPages(TranslationBlock covering, TranslationBlock registered) {
        long first = covering.pc >>> GuestMemory.PAGE_BITS;
        long last = (covering.endPc() - 1) >>> GuestMemory.PAGE_BITS;
        for (long p = first; p <= last; p++) {
            byPage.computeIfAbsent(p, k -> new ArrayList<>()).add(registered);
        }
    }

    private void removeFromPages(TranslationBlock old) {
        long first = old.pc >>> GuestMemory.PAGE_BITS;
        long last = (old.endPc() - 1) >>> GuestMemory.PAGE_BITS;
        for (long p = first; p <= last; p++) {
            List<TranslationBlock> blocks = byPage.get(p);
            if (blocks != null) {
                blocks.remove(old);
            }
        }
    }

    /** Drops every block that covers the guest page (called by whichever thread writes it). */
    public synchronized void invalidatePage(long page) {
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

    public synchronized void flushAll() {
        for (TranslationBlock tb : byPc.values()) {
            tb.valid = false;
        }
        invalidations += byPc.size();
        byPc.clear();
        byPage.clear();
    }

    public int size() {
        return byPc.size();
    }

    public synchronized long invalidations() {
        return invalidations;
    }
}
