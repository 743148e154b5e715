/*
 * File syscalls round trip: create, write, pread/pwrite, lseek, ftruncate/truncate/fallocate,
 * fstat/statx sizes, rename (RENAME_NOREPLACE), link/symlink/readlink, chmod/utimensat,
 * sendfile/copy_file_range, dup and close-on-exec, fcntl locks, FIONREAD, and the errno of
 * common failures. Works in a fresh directory under /tmp (or argv[1]) and removes it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

static char dir[256];

static const char *p(const char *name) {
    static char buf[4][512];
    static int next;
    char *b = buf[next++ & 3];
    snprintf(b, 512, "%s/%s", dir, name);
    return b;
}

/* Prints a call's result: the value, or -1 and the errno's name. */
static void show(const char *what, long r) {
    if (r < 0) {
        printf("%-28s -1 %s\n", what, strerrorname_np(errno));
    } else {
        printf("%-28s %ld\n", what, r);
    }
}


/* A descriptor number that is surely not open (a test harness may leave high ones open). */
static int closed_fd(void) {
    int fd = dup(0);
    close(fd);
    return fd;
}
static long size_of(const char *name) {
    struct stat st;
    return stat(name, &st) < 0 ? -1 : (long) st.st_size;
}

static void round_trip(void) {
    int fd = open(p("a.txt"), O_CREAT | O_RDWR | O_TRUNC, 0644);
    show("open a.txt", fd >= 0 ? 0 : -1);
    show("write", write(fd, "hello, world\n", 13));
    show("pwrite at 7", pwrite(fd, "WORLD", 5, 7));
    char buf[64] = {0};
    show("pread 0..13", pread(fd, buf, sizeof buf - 1, 0));
    printf("  content: %s", buf);
    show("lseek SEEK_CUR", lseek(fd, 0, SEEK_CUR));
    show("lseek SEEK_END -6", lseek(fd, -6, SEEK_END));
    memset(buf, 0, sizeof buf);
    show("read", read(fd, buf, sizeof buf - 1));
    printf("  content: %s", buf);
    show("read at eof", read(fd, buf, 10));
    show("lseek SEEK_SET -1", lseek(fd, -1, SEEK_SET));
    show("lseek bad whence", lseek(fd, 0, 42));
    show("ftruncate 5", ftruncate(fd, 5));
    struct stat st;
    fstat(fd, &st);
    printf("  fstat size %ld regular %d\n", (long) st.st_size, S_ISREG(st.st_mode));
    show("ftruncate 100", ftruncate(fd, 100));
    fstat(fd, &st);
    printf("  fstat size %ld\n", (long) st.st_size);
    show("ftruncate -1", ftruncate(fd, -1));
    show("fallocate 0..200", fallocate(fd, 0, 0, 200));
    printf("  size %ld\n", size_of(p("a.txt")));
    show("fsync", fsync(fd));
    show("fdatasync", fdatasync(fd));
    int n = -1;
    lseek(fd, 40, SEEK_SET);
    show("ioctl FIONREAD", ioctl(fd, FIONREAD, &n));
    printf("  FIONREAD %d\n", n);
    show("truncate 3", truncate(p("a.txt"), 3));
    printf("  size %ld\n", size_of(p("a.txt")));
    show("close", close(fd));
    show("close again", close(fd));

    int ro = open(p("a.txt"), O_RDONLY);
    show("write to O_RDONLY", write(ro, "x", 1));
    show("ftruncate O_RDONLY", ftruncate(ro, 0));
    close(ro);
}

static void errors(void) {
    show("open missing", open(p("missing"), O_RDONLY));
    show("open O_EXCL existing", open(p("a.txt"), O_CREAT | O_EXCL | O_WRONLY, 0644));
    show("open under a file", open(p("a.txt/x"), O_RDONLY));
    show("open dir for writing", open(dir, O_WRONLY));
    show("open file O_DIRECTORY", open(p("a.txt"), O_RDONLY | O_DIRECTORY));
    show("read bad fd", read(closed_fd(), NULL, 0));
    show("unlink missing", unlink(p("missing")));
    show("unlink a directory", unlink(dir));
    show("rmdir a file", rmdir(p("a.txt")));
    show("mkdir existing", mkdir(p("a.txt"), 0755));
    show("rename missing", rename(p("missing"), p("b")));
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    char buf[8];
    show("read a directory", read(dfd, buf, sizeof buf));
    close(dfd);
}

static void names(void) {
    show("rename a->b", rename(p("a.txt"), p("b.txt")));
    printf("  a exists %d, b size %ld\n", access(p("a.txt"), F_OK) == 0, size_of(p("b.txt")));
    int fd = open(p("c.txt"), O_CREAT | O_WRONLY, 0600);
    close(fd);
    show("renameat2 NOREPLACE", renameat2(AT_FDCWD, p("b.txt"), AT_FDCWD, p("c.txt"), RENAME_NOREPLACE));
    show("rename over c", rename(p("b.txt"), p("c.txt")));
    show("link c->d", link(p("c.txt"), p("d.txt")));
    struct stat st;
    stat(p("c.txt"), &st);
    printf("  nlink %ld\n", (long) st.st_nlink);
    show("link existing", link(p("c.txt"), p("d.txt")));
    show("symlink e->c.txt", symlink("c.txt", p("e.lnk")));
    char target[64] = {0};
    show("readlink e", readlink(p("e.lnk"), target, sizeof target - 1));
    printf("  target %s\n", target);
    lstat(p("e.lnk"), &st);
    printf("  lstat is link %d, size %ld\n", S_ISLNK(st.st_mode), (long) st.st_size);
    stat(p("e.lnk"), &st);
    printf("  stat through link size %ld\n", (long) st.st_size);
    show("readlink non-link", readlink(p("c.txt"), target, sizeof target));
    show("chmod 0640", chmod(p("c.txt"), 0640));
    stat(p("c.txt"), &st);
    printf("  mode %o\n", st.st_mode & 07777);
    fd = open(p("c.txt"), O_RDONLY);
    show("fchmod 0604", fchmod(fd, 0604));
    fstat(fd, &st);
    printf("  mode %o\n", st.st_mode & 07777);
    show("fchown to self", fchown(fd, getuid(), getgid()));
    close(fd);
    struct timespec times[2] = {{1000000000, 5}, {1200000000, 123456789}};
    show("utimensat", utimensat(AT_FDCWD, p("c.txt"), times, 0));
    stat(p("c.txt"), &st);
    printf("  atime %ld.%09ld mtime %ld.%09ld\n", (long) st.st_atim.tv_sec, st.st_atim.tv_nsec,
           (long) st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    struct timespec omit[2] = {{0, UTIME_OMIT}, {7, 0}};
    show("utimensat omit atime", utimensat(AT_FDCWD, p("c.txt"), omit, 0));
    stat(p("c.txt"), &st);
    printf("  atime %ld mtime %ld\n", (long) st.st_atim.tv_sec, (long) st.st_mtim.tv_sec);
    struct statx sx;
    show("statx", statx(AT_FDCWD, p("c.txt"), 0, STATX_BASIC_STATS, &sx));
    printf("  statx size %llu nlink %u mode %o mtime %lld basic %d\n", (unsigned long long) sx.stx_size,
           sx.stx_nlink, sx.stx_mode, (long long) sx.stx_mtime.tv_sec,
           (sx.stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS);
    show("statx missing", statx(AT_FDCWD, p("missing"), 0, STATX_BASIC_STATS, &sx));
    struct statfs sf;
    show("statfs", statfs(dir, &sf));
    printf("  bsize>0 %d namelen %ld\n", sf.f_bsize > 0, (long) sf.f_namelen);
    show("unlink e", unlink(p("e.lnk")));
    show("unlink d", unlink(p("d.txt")));
}

static void copies(void) {
    int src = open(p("src"), O_CREAT | O_RDWR | O_TRUNC, 0644);
    write(src, "0123456789abcdef", 16);
    int dst = open(p("dst"), O_CREAT | O_RDWR | O_TRUNC, 0644);
    off_t off = 4;
    show("sendfile 6 at 4", sendfile(dst, src, &off, 6));
    printf("  offset now %ld, src pos %ld\n", (long) off, (long) lseek(src, 0, SEEK_CUR));
    lseek(src, 10, SEEK_SET);
    show("sendfile from pos", sendfile(dst, src, NULL, 100));
    printf("  src pos %ld\n", (long) lseek(src, 0, SEEK_CUR));
    loff_t in = 0, out = 20;
    show("copy_file_range", copy_file_range(src, &in, dst, &out, 4, 0));
    printf("  in %ld out %ld\n", (long) in, (long) out);
    show("copy_file_range flags", copy_file_range(src, &in, dst, &out, 4, 1));
    char buf[32] = {0};
    int n = pread(dst, buf, sizeof buf - 1, 0);
    for (int i = 0; i < n; i++) {
        if (buf[i] == 0) {
            buf[i] = '.';
        }
    }
    printf("  dst: %s\n", buf);
    int d = dup(src);
    printf("  dup cloexec %d\n", fcntl(d, F_GETFD));
    int d2 = fcntl(src, F_DUPFD_CLOEXEC, 10);
    printf("  F_DUPFD_CLOEXEC >= 10 %d cloexec %d\n", d2 >= 10, fcntl(d2, F_GETFD));
    show("dup3 O_CLOEXEC", dup3(src, 20, O_CLOEXEC));
    printf("  cloexec %d\n", fcntl(20, F_GETFD));
    show("dup3 same fd", dup3(src, src, 0));
    show("dup3 bad flags", dup3(src, 21, 1));
    lseek(d, 3, SEEK_SET);
    printf("  shared offset %ld\n", (long) lseek(src, 0, SEEK_CUR));
    struct flock lk = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
    show("F_SETLK", fcntl(src, F_SETLK, &lk));
    lk.l_type = F_RDLCK;
    show("F_GETLK", fcntl(src, F_GETLK, &lk));
    printf("  l_type unlocked %d\n", lk.l_type == F_UNLCK);
    lk.l_type = F_UNLCK;
    show("F_SETLK unlock", fcntl(src, F_SETLK, &lk));
    close(d);
    close(d2);
    close(20);
    close(src);
    close(dst);
    unlink(p("src"));
    unlink(p("dst"));
}

int main(int argc, char **argv) {
    if (argc > 1) {
        snprintf(dir, sizeof dir, "%s/files-XXXXXX", argv[1]);
    } else {
        snprintf(dir, sizeof dir, "/tmp/emu-test-files-XXXXXX");
    }
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    round_trip();
    errors();
    names();
    copies();
    show("unlink c", unlink(p("c.txt")));
    show("rmdir", rmdir(dir));
    show("rmdir again", rmdir(dir));
    return 0;
}
