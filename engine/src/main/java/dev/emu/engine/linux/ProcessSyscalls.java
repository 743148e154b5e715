package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.emu.engine.linux.SyscallNumbers.*;

/**
 * Process identity and environment: exit, pids (user ids: {@link CredentialSyscalls}), uname, sysinfo, resource limits,
 * getrandom, umask.
 */
final class ProcessSyscalls {
    private ProcessSyscalls() {}

    static final int GRND_NONBLOCK = 1;
    static final int GRND_RANDOM = 2;
    static final int GRND_INSECURE = 4;
    static final int UTS_FIELD = 65;

    static void register(SyscallTable t) {
        // exit ends the calling thread; the last thread's ends the process (see GuestThreads).
        t.define(EXIT, "exit(d) -> noreturn", (p, cpu, a) -> {
            p.threads().exitThread(cpu, (int) a[0]);
            return 0;
        });
        t.define(EXIT_GROUP, "exit_group(d) -> noreturn", (p, cpu, a) -> {
            throw new GuestExit((int) a[0]);
        });
        t.define(GETPID, "getpid()", (p, cpu, a) -> p.pid());
        t.define(GETPPID, "getppid()", (p, cpu, a) -> ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L));
        t.define(UNAME, "uname(p)", ProcessSyscalls::uname);
        t.define(SYSINFO, "sysinfo(p)", ProcessSyscalls::sysinfo);
        t.define(PRLIMIT64, "prlimit64(d,d,p,p)", ProcessSyscalls::prlimit64);
        t.define(GETRANDOM, "getrandom(p,u,x)", ProcessSyscalls::getrandom);
        t.define(UMASK, "umask(o)", (p, cpu, a) -> p.setUmask((int) a[0]));
    }

    /**
     * uname: Linux on the guest's machine; release, version and node name are the host's, as
     * qemu-user reports them.
     */
    static long uname(LinuxProcess p, Vcpu cpu, long[] a) {
        String[] fields = {"Linux", hostFile("/proc/sys/kernel/hostname", "localhost"), kernelRelease(),
            hostFile("/proc/sys/kernel/version", "#1 SMP"), p.target().machine(), "(none)"};
        byte[] uts = new byte[UTS_FIELD * fields.length];
        for (int i = 0; i < fields.length; i++) {
            byte[] s = fields[i].getBytes(StandardCharsets.UTF_8);
            System.arraycopy(s, 0, uts, i * UTS_FIELD, Math.min(s.length, UTS_FIELD - 1));
        }
        UserMemory.write(p.memory(), a[0], uts);
        return 0;
    }

    static String kernelRelease() {
        String v = System.getProperty("os.version", "");
        return System.getProperty("os.name", "").equals("Linux") && v.matches("\\d+\\.\\d+.*") ? v : "6.1.0";
    }

    private static String hostFile(String file, String fallback) {
        try {
            String s = Files.readString(Path.of(file)).trim();
            return s.isEmpty() ? fallback : s;
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }

    /** struct sysinfo (112 bytes): uptime, loads, RAM and swap in units of mem_unit = 1 byte, procs. */
    static long sysinfo(LinuxProcess p, Vcpu cpu, long[] a) {
        ByteBuffer b = ByteBuffer.allocate(112).order(ByteOrder.LITTLE_ENDIAN);
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
        String proc = hostFile("/proc/uptime", "");
        if (!proc.isEmpty()) {
            uptime = (long) Double.parseDouble(proc.split("\\s+")[0]);
        }
        b.putLong(0, uptime);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long loadFixed = load < 0 ? 0 : (long) (load * 65536);
        b.putLong(8, loadFixed).putLong(16, loadFixed).putLong(24, loadFixed);
        long total = 0;
        long free = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            total = os.getTotalMemorySize();
            free = os.getFreeMemorySize();
            b.putLong(64, os.getTotalSwapSpaceSize()).putLong(72, os.getFreeSwapSpaceSize());
        }
        b.putLong(32, total).putLong(40, free);
        b.putShort(80, (short) 1);
        b.putInt(104, 1);
        UserMemory.write(p.memory(), a[0], b.array());
        return 0;
    }

    /** prlimit64(pid, resource, new, old): for this process only (pid 0 or its own). */
    static long prlimit64(LinuxProcess p, Vcpu cpu, long[] a) {
        int pid = (int) a[0];
        if (pid != 0 && pid != p.pid()) {
            throw new SyscallError(Errno.ESRCH);
        }
        int resource = (int) a[1];
        ResourceLimits limits = p.limits();
        long oldSoft = limits.soft(resource);
        long oldHard = limits.hard(resource);
        if (a[2] != 0) {
            limits.set(resource, GuestMemory.load64(p.memory(), a[2]), GuestMemory.load64(p.memory(), a[2] + 8));
        }
        if (a[3] != 0) {
            GuestMemory.store64(p.memory(), a[3], oldSoft);
            GuestMemory.store64(p.memory(), a[3] + 8, oldHard);
        }
        return 0;
    }

    static long getrandom(LinuxProcess p, Vcpu cpu, long[] a) {
        if ((a[2] & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) != 0
                || (a[2] & (GRND_RANDOM | GRND_INSECURE)) == (GRND_RANDOM | GRND_INSECURE)) {
            throw new SyscallError(Errno.EINVAL);
        }
        int count = (int) Math.min(Long.compareUnsigned(a[1], FileSyscalls.MAX_RW_COUNT) > 0
                ? FileSyscalls.MAX_RW_COUNT : a[1], 1 << 25);
        UserMemory.checkWritable(p.memory(), a[0], count);
        byte[] bytes = new byte[count];
        p.random().nextBytes(bytes);
        UserMemory.write(p.memory(), a[0], bytes);
        return count;
    }
}
