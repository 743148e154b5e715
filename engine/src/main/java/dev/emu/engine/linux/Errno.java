package dev.emu.engine.linux;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/**
 * Linux error numbers (the generic set that riscv64 and arm64 share) with their C library
 * messages, and the translation of Java's I/O exceptions back into them. Syscalls return these
 * negated.
 */
public final class Errno {
    private Errno() {}

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int ENXIO = 6;
    public static final int E2BIG = 7;
    public static final int ENOEXEC = 8;
    public static final int EBADF = 9;
    public static final int ECHILD = 10;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int EXDEV = 18;
    public static final int ENODEV = 19;
    public static final int ENOTDIR = 20;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    public static final int ENOTTY = 25;
    public static final int ETXTBSY = 26;
    public static final int EFBIG = 27;
    public static final int ENOSPC = 28;
    public static final int ESPIPE = 29;
    public static final int EROFS = 30;
    public static final int EMLINK = 31;
    public static final int EPIPE = 32;
    public static final int EDOM = 33;
    public static final int ERANGE = 34;
    public static final int EDEADLK = 35;
    public static final int ENAMETOOLONG = 36;
    public static final int ENOLCK = 37;
    public static final int ENOSYS = 38;
    public static final int ENOTEMPTY = 39;
    public static final int ELOOP = 40;
    public static final int ENODATA = 61;
    public static final int EOVERFLOW = 75;
    public static final int ENOTSOCK = 88;
    public static final int EDESTADDRREQ = 89;
    public static final int EMSGSIZE = 90;
    public static final int EPROTOTYPE = 91;
    public static final int ENOPROTOOPT = 92;
    public static final int EPROTONOSUPPORT = 93;
    public static final int ESOCKTNOSUPPORT = 94;
    public static final int EOPNOTSUPP = 95;
    public static final int EAFNOSUPPORT = 97;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETUNREACH = 101;
    public static final int ECONNABORTED = 103;
    public static final int ECONNRESET = 104;
    public static final int ENOBUFS = 105;
    public static final int EISCONN = 106;
    public static final int ENOTCONN = 107;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTUNREACH = 113;
    public static final int EALREADY = 114;
    public static final int EINPROGRESS = 115;

    /** The largest errno: a syscall result in [-MAX_ERRNO, -1] is an error. */
    public static final int MAX_ERRNO = 4095;

    private static final String[] MESSAGES = new String[EINPROGRESS + 1];

    static {
        String[][] table = {
            {"1", "Operation not permitted"}, {"2", "No such file or directory"}, {"3", "No such process"},
            {"4", "Interrupted system call"}, {"5", "Input/output error"}, {"6", "No such device or address"},
            {"7", "Argument list too long"}, {"8", "Exec format error"}, {"9", "Bad file descriptor"},
            {"10", "No child processes"}, {"11", "Resource temporarily unavailable"},
            {"12", "Cannot allocate memory"}, {"13", "Permission denied"}, {"14", "Bad address"},
            {"16", "Device or resource busy"}, {"17", "File exists"}, {"18", "Invalid cross-device link"},
            {"19", "No such device"}, {"20", "Not a directory"}, {"21", "Is a directory"},
            {"22", "Invalid argument"}, {"23", "Too many open files in system"}, {"24", "Too many open files"},
            {"25", "Inappropriate ioctl for device"}, {"26", "Text file busy"}, {"27", "File too large"},
            {"28", "No space left on device"}, {"29", "Illegal seek"}, {"30", "Read-only file system"},
            {"31", "Too many links"}, {"32", "Broken pipe"}, {"33", "Numerical argument out of domain"},
            {"34", "Numerical result out of range"}, {"35", "Resource deadlock avoided"},
            {"36", "File name too long"}, {"37", "No locks available"}, {"38", "Function not implemented"},
            {"39", "Directory not empty"}, {"40", "Too many levels of symbolic links"},
            {"61", "No data available"}, {"75", "Value too large for defined data type"},
            {"88", "Socket operation on non-socket"}, {"89", "Destination address required"},
            {"90", "Message too long"}, {"91", "Protocol wrong type for socket"},
            {"92", "Protocol not available"}, {"93", "Protocol not supported"},
            {"94", "Socket type not supported"}, {"95", "Operation not supported"},
            {"97", "Address family not supported by protocol"}, {"98", "Address already in use"},
            {"99", "Cannot assign requested address"}, {"101", "Network is unreachable"},
            {"103", "Software caused connection abort"}, {"104", "Connection reset by peer"},
            {"105", "No buffer space available"}, {"106", "Transport endpoint is already connected"},
            {"107", "Transport endpoint is not connected"}, {"110", "Connection timed out"},
            {"111", "Connection refused"}, {"113", "No route to host"},
            {"114", "Operation already in progress"}, {"115", "Operation now in progress"},
        };
        for (String[] row : table) {
            MESSAGES[Integer.parseInt(row[0])] = row[1];
        }
    }

    /** The C library's message for errno, as strerror prints it. */
    public static String message(int errno) {
        String m = errno > 0 && errno < MESSAGES.length ? MESSAGES[errno] : null;
        return m != null ? m : "Unknown error " + errno;
    }

    /**
     * The errno a host I/O failure stands for. Java keeps the host's strerror text as the
     * reason of a FileSystemException (and as the message of a plain IOException from a
     * stream), so that text is matched back; anything unrecognised is EIO.
     */
    public static int of(IOException e) {
        if (e instanceof NoSuchFileException) {
            return ENOENT;
        }
        if (e instanceof AccessDeniedException) {
            return EACCES;
        }
        if (e instanceof FileAlreadyExistsException) {
            return EEXIST;
        }
        if (e instanceof NotDirectoryException) {
            return ENOTDIR;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return ENOTEMPTY;
        }
        if (e instanceof NotLinkException) {
            return EINVAL;
        }
        String text = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        if (text != null) {
            for (int i = 1; i < MESSAGES.length; i++) {
                if (MESSAGES[i] != null && text.contains(MESSAGES[i])) {
                    return i;
                }
            }
            if (text.startsWith("Too many levels of symbolic links")) {
                return ELOOP;
            }
        }
        return EIO;
    }
}
