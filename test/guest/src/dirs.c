/*
 * Directories: mkdir/rmdir, listing with opendir/readdir (getdents64; printed sorted, since
 * the order is the file system's), rewinddir, chdir/fchdir with relative paths and getcwd,
 * the *at calls relative to a directory descriptor, and their errno values.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void show(const char *what, long r) {
    if (r < 0) {
        printf("%-26s -1 %s\n", what, strerrorname_np(errno));
    } else {
        printf("%-26s %ld\n", what, r);
    }
}


/* A descriptor number that is surely not open (a test harness may leave high ones open). */
static int closed_fd(void) {
    int fd = dup(0);
    close(fd);
    return fd;
}
static int cmp(const void *a, const void *b) {
    return strcmp(*(char *const *) a, *(char *const *) b);
}

static char type_char(unsigned char t) {
    return t == DT_DIR ? 'd' : t == DT_REG ? 'f' : t == DT_LNK ? 'l' : t == DT_UNKNOWN ? '?' : 'o';
}

/* Lists a directory sorted by name, with each entry's type letter. */
static void list(const char *path) {
    DIR *d = opendir(path);
    if (d == NULL) {
        printf("opendir %s: %s\n", path, strerrorname_np(errno));
        return;
    }
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 64) {
        char *s = malloc(strlen(e->d_name) + 3);
        sprintf(s, "%s %c", e->d_name, type_char(e->d_type));
        names[n++] = s;
    }
    qsort(names, n, sizeof names[0], cmp);
    printf("listing of %s (%d entries):", path, n);
    for (int i = 0; i < n; i++) {
        printf(" [%s]", names[i]);
        free(names[i]);
    }
    printf("\n");
    rewinddir(d);
    int again = 0;
    while (readdir(d) != NULL) {
        again++;
    }
    printf("  after rewinddir: %d entries\n", again);
    closedir(d);
}

int main(int argc, char **argv) {
    char dir[256];
    snprintf(dir, sizeof dir, "%s/emu-test-dirs-XXXXXX", argc > 1 ? argv[1] : "/tmp");
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    char start[512];
    getcwd(start, sizeof start);
    show("chdir tmp", chdir(dir));
    char cwd[512];
    char real[512];
    getcwd(cwd, sizeof cwd);
    realpath(dir, real);
    printf("getcwd is the directory: %d\n", strcmp(cwd, real) == 0);

    show("mkdir sub", mkdir("sub", 0755));
    show("mkdir sub again", mkdir("sub", 0755));
    show("mkdir sub/deeper", mkdir("sub/deeper", 0700));
    show("mkdir missing/x", mkdir("missing/x", 0755));
    int fd = open("sub/file1", O_CREAT | O_WRONLY, 0644);
    write(fd, "abc", 3);
    close(fd);
    fd = open("file0", O_CREAT | O_WRONLY, 0644);
    close(fd);
    show("mkdir under a file", mkdir("file0/x", 0755));
    show("symlink", symlink("sub", "link"));
    struct stat st;
    stat("sub/deeper", &st);
    printf("deeper mode %o dir %d\n", st.st_mode & 0777, S_ISDIR(st.st_mode));
    for (int i = 0; i < 40; i++) {
        char name[32];
        snprintf(name, sizeof name, "sub/many-%02d", i);
        close(open(name, O_CREAT | O_WRONLY, 0600));
    }
    list(".");
    list("sub");
    list("sub/deeper");
    list("missing");
    list("file0");

    show("chdir sub", chdir("sub"));
    show("stat file1 relative", stat("file1", &st));
    printf("  size %ld\n", (long) st.st_size);
    show("chdir ..", chdir(".."));
    show("chdir file0", chdir("file0"));
    show("chdir missing", chdir("missing"));
    int dfd = open("sub", O_RDONLY | O_DIRECTORY);
    show("fchdir sub", fchdir(dfd));
    show("access file1", access("file1", R_OK));
    int ffd = open("file1", O_RDONLY);
    show("fchdir a file", fchdir(ffd));
    close(ffd);
    show("fchdir bad fd", fchdir(closed_fd()));
    chdir(dir);

    show("mkdirat", mkdirat(dfd, "viafd", 0755));
    show("openat via fd", fd = openat(dfd, "viafd/f", O_CREAT | O_WRONLY, 0600));
    close(fd);
    show("renameat", renameat(dfd, "viafd/f", AT_FDCWD, "moved"));
    show("linkat", linkat(AT_FDCWD, "moved", dfd, "hard", 0));
    show("symlinkat", symlinkat("moved", dfd, "soft"));
    show("fstatat soft", fstatat(dfd, "soft", &st, AT_SYMLINK_NOFOLLOW));
    printf("  is link %d\n", S_ISLNK(st.st_mode));
    show("unlinkat soft", unlinkat(dfd, "soft", 0));
    show("unlinkat hard", unlinkat(dfd, "hard", 0));
    show("unlinkat dir no flag", unlinkat(dfd, "viafd", 0));
    show("unlinkat file REMOVEDIR", unlinkat(AT_FDCWD, "moved", AT_REMOVEDIR));
    show("unlinkat bad flag", unlinkat(dfd, "viafd", 1));
    show("unlinkat REMOVEDIR", unlinkat(dfd, "viafd", AT_REMOVEDIR));
    show("rmdir non-empty", rmdir("sub"));
    show("rmdir .", rmdir("sub/deeper/."));
    show("unlinkat file fd as dir", unlinkat(0, "x", 0));
    close(dfd);

    /* clean up */
    for (int i = 0; i < 40; i++) {
        char name[32];
        snprintf(name, sizeof name, "sub/many-%02d", i);
        unlink(name);
    }
    unlink("sub/file1");
    rmdir("sub/deeper");
    show("rmdir sub", rmdir("sub"));
    unlink("moved");
    unlink("link");
    unlink("file0");
    show("chdir back", chdir(start));
    show("rmdir tmp", rmdir(dir));
    return 0;
}
