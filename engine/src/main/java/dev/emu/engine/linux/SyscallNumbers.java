package dev.emu.engine.linux;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * System call numbers of Linux's generic table ({@code include/uapi/asm-generic/unistd.h}),
 * which riscv64 and arm64 share: the ones emu implements and the ones a program is likely to
 * try next, so logs can name them. 244..259 is the architecture-specific range (riscv64's
 * riscv_hwprobe and riscv_flush_icache live there).
 */
public final class SyscallNumbers {
    private SyscallNumbers() {}

    public static final int GETCWD = 17;
    public static final int EVENTFD2 = 19;
    public static final int EPOLL_CREATE1 = 20;
    public static final int EPOLL_CTL = 21;
    public static final int EPOLL_PWAIT = 22;
    public static final int DUP = 23;
    public static final int DUP3 = 24;
    public static final int FCNTL = 25;
    public static final int IOCTL = 29;
    public static final int FLOCK = 32;
    public static final int MKNODAT = 33;
    public static final int MKDIRAT = 34;
    public static final int UNLINKAT = 35;
    public static final int SYMLINKAT = 36;
    public static final int LINKAT = 37;
    public static final int RENAMEAT = 38;
    public static final int STATFS = 43;
    public static final int FSTATFS = 44;
    public static final int TRUNCATE = 45;
    public static final int FTRUNCATE = 46;
    public static final int FALLOCATE = 47;
    public static final int FACCESSAT = 48;
    public static final int CHDIR = 49;
    public static final int FCHDIR = 50;
    public static final int FCHMOD = 52;
    public static final int FCHMODAT = 53;
    public static final int FCHOWNAT = 54;
    public static final int FCHOWN = 55;
    public static final int OPENAT = 56;
    public static final int CLOSE = 57;
    public static final int PIPE2 = 59;
    public static final int GETDENTS64 = 61;
    public static final int LSEEK = 62;
    public static final int READ = 63;
    public static final int WRITE = 64;
    public static final int READV = 65;
    public static final int WRITEV = 66;
    public static final int PREAD64 = 67;
    public static final int PWRITE64 = 68;
    public static final int PREADV = 69;
    public static final int PWRITEV = 70;
    public static final int SENDFILE = 71;
    public static final int PSELECT6 = 72;
    public static final int PPOLL = 73;
    public static final int READLINKAT = 78;
    public static final int NEWFSTATAT = 79;
    public static final int FSTAT = 80;
    public static final int SYNC = 81;
    public static final int FSYNC = 82;
    public static final int FDATASYNC = 83;
    public static final int UTIMENSAT = 88;
    public static final int EXIT = 93;
    public static final int EXIT_GROUP = 94;
    public static final int WAITID = 95;
    public static final int SET_TID_ADDRESS = 96;
    public static final int FUTEX = 98;
    public static final int SET_ROBUST_LIST = 99;
    public static final int GET_ROBUST_LIST = 100;
    public static final int NANOSLEEP = 101;
    public static final int GETITIMER = 102;
    public static final int SETITIMER = 103;
    public static final int CLOCK_GETTIME = 113;
    public static final int CLOCK_GETRES = 114;
    public static final int CLOCK_NANOSLEEP = 115;
    public static final int SCHED_SETPARAM = 118;
    public static final int SCHED_SETSCHEDULER = 119;
    public static final int SCHED_GETSCHEDULER = 120;
    public static final int SCHED_GETPARAM = 121;
    public static final int SCHED_SETAFFINITY = 122;
    public static final int SCHED_GETAFFINITY = 123;
    public static final int SCHED_YIELD = 124;
    public static final int SCHED_GET_PRIORITY_MAX = 125;
    public static final int SCHED_GET_PRIORITY_MIN = 126;
    public static final int KILL = 129;
    public static final int TKILL = 130;
    public static final int TGKILL = 131;
    public static final int SIGALTSTACK = 132;
    public static final int RT_SIGSUSPEND = 133;
    public static final int RT_SIGACTION = 134;
    public static final int RT_SIGPROCMASK = 135;
    public static final int RT_SIGPENDING = 136;
    public static final int RT_SIGTIMEDWAIT = 137;
    public static final int RT_SIGRETURN = 139;
    public static final int SETPRIORITY = 140;
    public static final int GETPRIORITY = 141;
    public static final int SETREGID = 143;
    public static final int SETGID = 144;
    public static final int SETREUID = 145;
    public static final int SETUID = 146;
    public static final int SETRESUID = 147;
    public static final int GETRESUID = 148;
    public static final int SETRESGID = 149;
    public static final int GETRESGID = 150;
    public static final int SETFSUID = 151;
    public static final int SETFSGID = 152;
    public static final int TIMES = 153;
    public static final int SETPGID = 154;
    public static final int GETPGID = 155;
    public static final int GETSID = 156;
    public static final int SETSID = 157;
    public static final int GETGROUPS = 158;
    public static final int SETGROUPS = 159;
    public static final int UNAME = 160;
    public static final int GETRLIMIT = 163;
    public static final int SETRLIMIT = 164;
    public static final int GETRUSAGE = 165;
    public static final int UMASK = 166;
    public static final int PRCTL = 167;
    public static final int GETCPU = 168;
    public static final int GETTIMEOFDAY = 169;
    public static final int GETPID = 172;
    public static final int GETPPID = 173;
    public static final int GETUID = 174;
    public static final int GETEUID = 175;
    public static final int GETGID = 176;
    public static final int GETEGID = 177;
    public static final int GETTID = 178;
    public static final int SYSINFO = 179;
    public static final int SOCKET = 198;
    public static final int SOCKETPAIR = 199;
    public static final int BIND = 200;
    public static final int LISTEN = 201;
    public static final int ACCEPT = 202;
    public static final int CONNECT = 203;
    public static final int GETSOCKNAME = 204;
    public static final int GETPEERNAME = 205;
    public static final int SENDTO = 206;
    public static final int RECVFROM = 207;
    public static final int SETSOCKOPT = 208;
    public static final int GETSOCKOPT = 209;
    public static final int SHUTDOWN = 210;
    public static final int SENDMSG = 211;
    public static final int RECVMSG = 212;
    public static final int BRK = 214;
    public static final int MUNMAP = 215;
    public static final int MREMAP = 216;
    public static final int CLONE = 220;
    public static final int EXECVE = 221;
    public static final int MMAP = 222;
    public static final int FADVISE64 = 223;
    public static final int MPROTECT = 226;
    public static final int MSYNC = 227;
    public static final int MLOCK = 228;
    public static final int MUNLOCK = 229;
    public static final int MINCORE = 232;
    public static final int MADVISE = 233;
    public static final int ACCEPT4 = 242;
    public static final int RISCV_HWPROBE = 258;
    public static final int RISCV_FLUSH_ICACHE = 259;
    public static final int WAIT4 = 260;
    public static final int PRLIMIT64 = 261;
    public static final int RENAMEAT2 = 276;
    public static final int GETRANDOM = 278;
    public static final int MEMFD_CREATE = 279;
    public static final int EXECVEAT = 281;
    public static final int MEMBARRIER = 283;
    public static final int COPY_FILE_RANGE = 285;
    public static final int STATX = 291;
    public static final int RSEQ = 293;
    public static final int PIDFD_OPEN = 434;
    public static final int CLONE3 = 435;
    public static final int CLOSE_RANGE = 436;
    public static final int OPENAT2 = 437;
    public static final int FACCESSAT2 = 439;
    public static final int EPOLL_PWAIT2 = 441;

    private static final Map<Integer, String> NAMES = new HashMap<>();

    static {
        for (Field f : SyscallNumbers.class.getFields()) {
            if (f.getType() == int.class && Modifier.isStatic(f.getModifiers())) {
                try {
                    NAMES.put(f.getInt(null), f.getName().toLowerCase(Locale.ROOT));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** The syscall's name ({@code "write"}), or {@code "syscall_N"} for a number this table does not list. */
    public static String name(long number) {
        String name = number >= 0 && number <= Integer.MAX_VALUE ? NAMES.get((int) number) : null;
        return name != null ? name : "syscall_" + number;
    }
}
