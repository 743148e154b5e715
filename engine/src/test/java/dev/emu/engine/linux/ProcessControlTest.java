package dev.emu.engine.linux;

import dev.emu.engine.mem.GuestMemory;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static dev.emu.engine.linux.SyscallNumbers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The process-wide calls added for real programs: riscv_hwprobe's keys, the set*id rules for
 * privileged and unprivileged credentials, prctl names, membarrier registration, wait4 and
 * execve refusals. Expected values come from the Linux uapi headers and kernel/sys.c rules.
 */
class ProcessControlTest {
    @Test
    void hwprobeAnswersKnownKeysAndClearsUnknownOnes() throws IOException {
        GuestHarness g = new GuestHarness();
        GuestMemory m = g.memory;
        long[] keys = {4, 3, 0, 5, 99, -7};
        for (int i = 0; i < keys.length; i++) {
            GuestMemory.store64(m, g.scratch + 16L * i, keys[i]);
            GuestMemory.store64(m, g.scratch + 16L * i + 8, 0x5555);
        }
        assertEquals(0, g.call(RISCV_HWPROBE, g.scratch, keys.length, 0, 0, 0));
        // IMA_EXT_0: FD (bit 0), C (1), Zba (3), Zbb (4), Zbs (5), Zbc (7)
        assertEquals(0b1011_1011, GuestMemory.load64(m, g.scratch + 8));
        assertEquals(1, GuestMemory.load64(m, g.scratch + 16 + 8), "BASE_BEHAVIOR: IMA");
        assertEquals(0, GuestMemory.load64(m, g.scratch + 32 + 8), "no vendor id");
        assertEquals(0, GuestMemory.load64(m, g.scratch + 48 + 8), "misaligned access speed unknown");
        assertEquals(-1, GuestMemory.load64(m, g.scratch + 64), "an unknown key becomes -1");
        assertEquals(0, GuestMemory.load64(m, g.scratch + 64 + 8));
        assertEquals(-1, GuestMemory.load64(m, g.scratch + 80));
        assertEquals(-Errno.EINVAL, g.call(RISCV_HWPROBE, g.scratch, 1, 0, 0, 1), "flags must be 0");
        assertEquals(-Errno.EFAULT, g.call(RISCV_HWPROBE, g.scratch, 1, 8, 0, 0), "a cpu set size without a set");
    }

    @Test
    void unprivilegedCredentialsMayOnlySwapAmongTheirOwnIds() {
        Credentials c = new Credentials(1000, 1000, new int[] {1000, 27});
        c.setUid(1000);
        assertEquals(Errno.EPERM, assertThrows(SyscallError.class, () -> c.setUid(0)).errno);
        assertEquals(Errno.EPERM, assertThrows(SyscallError.class, () -> c.setResUid(-1, 5, -1)).errno);
        assertEquals(Errno.EPERM, assertThrows(SyscallError.class, () -> c.setGroups(new int[0])).errno);
        assertEquals(Errno.EPERM, assertThrows(SyscallError.class, () -> c.setReGid(7, -1)).errno);
        c.setResUid(-1, -1, -1);
        assertEquals(1000, c.uids()[2]);
    }

    @Test
    void rootMayBecomeAnyoneAndThenLosesThePrivilege() {
        Credentials c = new Credentials(0, 0, new int[0]);
        c.setResUid(0, 1000, 0);
        assertEquals(1000, c.uids()[1]);
        c.setUid(0); // saved id 0: back to root's effective id
        assertEquals(0, c.uids()[1]);
        c.setReUid(500, 600);
        assertEquals(500, c.uids()[0]);
        assertEquals(600, c.uids()[1]);
        assertEquals(600, c.uids()[2], "setting the real id copies the new effective id to the saved one");
        assertEquals(Errno.EPERM, assertThrows(SyscallError.class, () -> c.setUid(0)).errno);
    }

    @Test
    void prctlNamesAreFifteenBytesAndUnknownOptionsAreInvalid() throws IOException {
        GuestHarness g = new GuestHarness();
        GuestMemory m = g.memory;
        byte[] name = "a-name-longer-than-fifteen".getBytes();
        for (int i = 0; i < name.length; i++) {
            GuestMemory.store8(m, g.scratch + i, name[i]);
        }
        GuestMemory.store8(m, g.scratch + name.length, 0);
        assertEquals(0, g.call(PRCTL, 15, g.scratch));
        assertEquals(0, g.call(PRCTL, 16, g.scratch + 64));
        StringBuilder got = new StringBuilder();
        for (int i = 0; GuestMemory.load8(m, g.scratch + 64 + i) != 0; i++) {
            got.append((char) GuestMemory.load8(m, g.scratch + 64 + i));
        }
        assertEquals("a-name-longer-t", got.toString());
        assertEquals(1, g.call(PRCTL, 3));
        assertEquals(-Errno.EINVAL, g.call(PRCTL, 4, 2));
        assertEquals(-Errno.EINVAL, g.call(PRCTL, 12345));
    }

    @Test
    void membarrierNeedsRegistrationForPrivateExpedited() throws IOException {
        GuestHarness g = new GuestHarness();
        long supported = g.call(MEMBARRIER, 0, 0, 0);
        assertTrue((supported & 8) != 0 && (supported & 16) != 0, Long.toString(supported));
        assertEquals(-Errno.EPERM, g.call(MEMBARRIER, 8, 0, 0));
        assertEquals(0, g.call(MEMBARRIER, 16, 0, 0));
        assertEquals(0, g.call(MEMBARRIER, 8, 0, 0));
        assertEquals(-Errno.EINVAL, g.call(MEMBARRIER, 1 << 20, 0, 0));
    }

    @Test
    void thereAreNoChildrenAndNoExec() throws IOException {
        GuestHarness g = new GuestHarness();
        assertEquals(-Errno.ECHILD, g.call(WAIT4, -1, 0, 0, 0));
        assertEquals(-Errno.EINVAL, g.call(WAIT4, -1, 0, 0x100, 0));
        assertEquals(-Errno.ECHILD, g.call(WAITID, 0, 0, g.scratch, 4, 0));
        assertEquals(-Errno.EINVAL, g.call(WAITID, 0, 0, g.scratch, 0, 0));
        assertEquals(-Errno.ENOSYS, g.call(EXECVE, g.scratch, 0, 0));
    }
}
