package dev.emu.engine.exec;

import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.ir.IrBuilder;
import dev.emu.engine.mem.GuestMemory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A write to the page of any block of a region drops the region; compiled forms replace blocks whole. */
class RegionInvalidationTest {
    private static TranslationBlock block(long pc) {
        IrBlock ir = new IrBlock(pc);
        IrBuilder b = new IrBuilder(ir);
        b.insnStart(pc, 4);
        b.gotoPc(pc + 4);
        ir.guestInsns = 1;
        ir.guestBytes = 4;
        return new TranslationBlock(ir, cpu -> 0);
    }

    @Test
    void invalidatingAMemberPageDropsTheRegion() {
        BlockCache cache = new BlockCache();
        TranslationBlock entry = block(0x1000);
        TranslationBlock member = block(0x5000);
        TranslationBlock bystander = block(0x1100);
        cache.add(entry);
        cache.add(member);
        cache.add(bystander);
        TranslationBlock region = entry.asRegion(new CompiledRegion(cpu -> 0, 3, 2, 100), List.of(entry, member));
        cache.replace(entry, region);
        assertSame(region, cache.lookup(0x1000));
        assertFalse(entry.valid, "the block the region replaced is dropped");

        cache.invalidatePage(0x5000 >>> GuestMemory.PAGE_BITS);

        assertFalse(region.valid);
        assertFalse(member.valid);
        assertNull(cache.lookup(0x1000));
        assertNull(cache.lookup(0x5000));
        assertTrue(bystander.valid, "a block on the entry's page that is in no region stays");
        assertSame(bystander, cache.lookup(0x1100));
    }

    @Test
    void aRegionIsANewBlockWithTheRegionsExitTable() {
        TranslationBlock entry = block(0x1000);
        TranslationBlock member = block(0x5000);
        entry.runs = 7;
        CompiledBlock code = cpu -> 0;
        TranslationBlock region = entry.asRegion(new CompiledRegion(code, 3, 2, 100), List.of(entry, member));
        assertSame(code, region.code);
        assertTrue(region.links.length == 3 && region.insnsAtExit.length == 3 && region.insnsAtOtherExit == 0);
        assertTrue(region.compiled && region.runs == 7 && region.pc == 0x1000);
        assertTrue(entry.links.length == 1 && entry.insnsAtOtherExit == 1, "the old block is left whole");
    }

    @Test
    void aPerThreadJumpCacheNeverReturnsADroppedBlock() {
        BlockCache cache = new BlockCache();
        TranslationBlock[] jumps = BlockCache.newJumpCache();
        TranslationBlock tb = block(0x2000);
        cache.add(tb);
        assertSame(tb, cache.lookup(0x2000, jumps));
        cache.flushAll();
        assertNull(cache.lookup(0x2000, jumps));
    }
}
