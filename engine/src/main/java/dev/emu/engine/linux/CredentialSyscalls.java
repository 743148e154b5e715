package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;

import static dev.emu.engine.linux.SyscallNumbers.*;

/**
 * User and group ids: the get*id calls, setuid and its relatives, getgroups and setgroups, all
 * over the process's {@link Credentials}.
 */
final class CredentialSyscalls {
    private CredentialSyscalls() {}

    static void register(SyscallTable t) {
        t.define(GETUID, "getuid()", (p, cpu, a) -> p.credentials().uids()[0]);
        t.define(GETEUID, "geteuid()", (p, cpu, a) -> p.credentials().uids()[1]);
        t.define(GETGID, "getgid()", (p, cpu, a) -> p.credentials().gids()[0]);
        t.define(GETEGID, "getegid()", (p, cpu, a) -> p.credentials().gids()[1]);
        t.define(GETRESUID, "getresuid(p,p,p)", (p, cpu, a) -> storeIds(p, a, p.credentials().uids()));
        t.define(GETRESGID, "getresgid(p,p,p)", (p, cpu, a) -> storeIds(p, a, p.credentials().gids()));
        t.define(SETUID, "setuid(d)", (p, cpu, a) -> {
            p.credentials().setUid(id(a[0]));
            return 0;
        });
        t.define(SETGID, "setgid(d)", (p, cpu, a) -> {
            p.credentials().setGid(id(a[0]));
            return 0;
        });
        t.define(SETREUID, "setreuid(d,d)", (p, cpu, a) -> {
            p.credentials().setReUid((int) a[0], (int) a[1]);
            return 0;
        });
        t.define(SETREGID, "setregid(d,d)", (p, cpu, a) -> {
            p.credentials().setReGid((int) a[0], (int) a[1]);
            return 0;
        });
        t.define(SETRESUID, "setresuid(d,d,d)", (p, cpu, a) -> {
            p.credentials().setResUid((int) a[0], (int) a[1], (int) a[2]);
            return 0;
        });
        t.define(SETRESGID, "setresgid(d,d,d)", (p, cpu, a) -> {
            p.credentials().setResGid((int) a[0], (int) a[1], (int) a[2]);
            return 0;
        });
        t.define(GETGROUPS, "getgroups(d,p)", CredentialSyscalls::getgroups);
        t.define(SETGROUPS, "setgroups(d,p)", CredentialSyscalls::setgroups);
    }

    /** setuid(-1) and setgid(-1) are invalid ids (they mean "unchanged" only to the set*re*id calls). */
    private static int id(long value) {
        if ((int) value == -1) {
            throw new SyscallError(Errno.EINVAL);
        }
        return (int) value;
    }

    private static long storeIds(LinuxProcess p, long[] a, int[] ids) {
        for (int i = 0; i < 3; i++) {
            GuestMemory.store32(p.memory(), a[i], ids[i]);
        }
        return 0;
    }

    /** getgroups(size, list): size 0 asks only for the count; a smaller list is EINVAL. */
    static long getgroups(LinuxProcess p, Vcpu cpu, long[] a) {
        int[] groups = p.credentials().groups();
        int size = (int) a[0];
        if (size < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        if (size == 0) {
            return groups.length;
        }
        if (size < groups.length) {
            throw new SyscallError(Errno.EINVAL);
        }
        for (int i = 0; i < groups.length; i++) {
            GuestMemory.store32(p.memory(), a[1] + 4L * i, groups[i]);
        }
        return groups.length;
    }

    static long setgroups(LinuxProcess p, Vcpu cpu, long[] a) {
        if (!p.credentials().maySetGroups()) {
            throw new SyscallError(Errno.EPERM);
        }
        int size = (int) a[0];
        if (size < 0 || size > Credentials.NGROUPS_MAX) {
            throw new SyscallError(Errno.EINVAL);
        }
        int[] groups = new int[size];
        for (int i = 0; i < size; i++) {
            groups[i] = (int) GuestMemory.load32(p.memory(), a[1] + 4L * i);
        }
        p.credentials().setGroups(groups);
        return 0;
    }
}
