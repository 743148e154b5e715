/* Directory work: a small tree made with mkdir, files of known sizes, opendir/readdir listed in
 * sorted order, scandir with a filter, nftw-free recursive walk, stat of each entry, getcwd and
 * chdir, symlinks and readlink, then everything removed again. */
#define _GNU_SOURCE
#include "cmix.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp_names(const void *a, const void *b) {
    return strcmp(*(char *const *) a, *(char *const *) b);
}

static void make_file(const char *path, size_t size) {
    FILE *f = fopen(path, "w");
    for (size_t i = 0; i < size; i++) {
        fputc('a' + (int) (i % 26), f);
    }
    fclose(f);
}

/* Lists dir sorted, recursing into subdirectories; returns the bytes of regular files. */
static long walk(const char *dir, int depth) {
    DIR *d = opendir(dir);
    if (d == NULL) {
        printf("opendir %s: %s\n", dir, strerror(errno));
        return 0;
    }
    char *names[256];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 256) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            names[n++] = strdup(e->d_name);
        }
    }
    closedir(d);
    qsort(names, (size_t) n, sizeof *names, cmp_names);
    long bytes = 0;
    for (int i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        struct stat st;
        lstat(path, &st);
        const char *kind = S_ISDIR(st.st_mode) ? "dir" : S_ISLNK(st.st_mode) ? "link" : S_ISREG(st.st_mode) ? "file" : "other";
        printf("%*s%s (%s", depth * 2, "", names[i], kind);
        if (S_ISREG(st.st_mode)) {
            printf(", %lld bytes", (long long) st.st_size);
            bytes += st.st_size;
        }
        if (S_ISLNK(st.st_mode)) {
            char target[256];
            ssize_t len = readlink(path, target, sizeof target - 1);
            target[len < 0 ? 0 : len] = 0;
            printf(" -> %s", target);
        }
        printf(")\n");
        if (S_ISDIR(st.st_mode)) {
            bytes += walk(path, depth + 1);
        }
        free(names[i]);
    }
    return bytes;
}

static int only_txt(const struct dirent *e) {
    size_t len = strlen(e->d_name);
    return len > 4 && strcmp(e->d_name + len - 4, ".txt") == 0;
}

static void remove_tree(const char *dir) {
    DIR *d = opendir(dir);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
            continue;
        }
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        lstat(path, &st);
        if (S_ISDIR(st.st_mode)) {
            remove_tree(path);
            rmdir(path);
        } else {
            unlink(path);
        }
    }
    closedir(d);
}

void part_dirs(const char *base) {
    section("dirs");
    char root[512], path[1024];
    snprintf(root, sizeof root, "%s/tree", base);
    printf("mkdir %d\n", mkdir(root, 0755));
    printf("mkdir again %d %s\n", mkdir(root, 0755), strerror(errno));
    static const char *subdirs[] = {"src", "src/core", "docs", "empty"};
    for (size_t i = 0; i < sizeof subdirs / sizeof *subdirs; i++) {
        snprintf(path, sizeof path, "%s/%s", root, subdirs[i]);
        mkdir(path, 0755);
    }
    static const struct { const char *name; size_t size; } files[] = {
        {"README.txt", 120}, {"src/main.c", 2048}, {"src/util.c", 777}, {"src/core/engine.c", 5000},
        {"docs/guide.txt", 64}, {"docs/notes.txt", 0}, {"zeta.bin", 3}, {"alpha.txt", 1},
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(path, sizeof path, "%s/%s", root, files[i].name);
        make_file(path, files[i].size);
    }
    snprintf(path, sizeof path, "%s/link-to-readme", root);
    printf("symlink %d\n", symlink("README.txt", path));
    long bytes = walk(root, 0);
    printf("total %ld bytes\n", bytes);
    struct dirent **list;
    snprintf(path, sizeof path, "%s/docs", root);
    int n = scandir(path, &list, only_txt, alphasort);
    printf("scandir docs/*.txt: %d", n);
    for (int i = 0; i < n; i++) {
        printf(" %s", list[i]->d_name);
        free(list[i]);
    }
    printf("\n");
    free(list);
    char cwd[1024];
    getcwd(cwd, sizeof cwd);
    chdir(root);
    char here[1024];
    getcwd(here, sizeof here);
    printf("chdir into tree: cwd ends with /tree %d\n", strcmp(here + strlen(here) - 5, "/tree") == 0);
    struct stat st;
    printf("relative stat src/main.c %d size %lld\n", stat("src/main.c", &st), (long long) st.st_size);
    int dfd = open("src", O_RDONLY | O_DIRECTORY);
    printf("fstatat core/engine.c %d size %lld\n", fstatat(dfd, "core/engine.c", &st, 0), (long long) st.st_size);
    close(dfd);
    chdir(cwd);
    snprintf(path, sizeof path, "%s/empty", root);
    printf("rmdir empty %d\n", rmdir(path));
    snprintf(path, sizeof path, "%s/src", root);
    printf("rmdir non-empty %d %s\n", rmdir(path), strerror(errno));
    remove_tree(root);
    printf("rmdir root %d\n", rmdir(root));
    DIR *d = opendir(root);
    printf("opendir removed: %s %s\n", d ? "opened" : "NULL", strerror(errno));
}
