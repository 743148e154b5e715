/*
 * Reads /proc/self/maps and checks that the program's own mappings are listed as Linux lists
 * them. Prints only facts that do not depend on where things were placed: which mapping holds
 * main (executable, named by this program's path), the stack variable ([stack], writable), a
 * file mapping (the file's path, its offset), an anonymous mapping, and how munmap and mprotect
 * change the listing.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

struct line {
    unsigned long start, end, offset, inode;
    char perms[5];
    char name[512];
};

static struct line lines[512];
static int count;

static void load(void) {
    FILE *f = fopen("/proc/self/maps", "r");
    if (f == NULL) {
        perror("open /proc/self/maps");
        exit(1);
    }
    char buf[1024];
    count = 0;
    while (fgets(buf, sizeof buf, f) != NULL && count < 512) {
        struct line *l = &lines[count];
        int used = 0;
        unsigned int major, minor;
        if (sscanf(buf, "%lx-%lx %4s %lx %x:%x %lu %n", &l->start, &l->end, l->perms, &l->offset, &major, &minor,
                   &l->inode, &used) < 7) {
            printf("unparsable line: %s", buf);
            exit(1);
        }
        strncpy(l->name, buf + used, sizeof l->name - 1);
        l->name[strcspn(l->name, "\n")] = 0;
        count++;
    }
    fclose(f);
}

static struct line *holding(const void *p) {
    unsigned long a = (unsigned long) p;
    for (int i = 0; i < count; i++) {
        if (lines[i].start <= a && a < lines[i].end) {
            return &lines[i];
        }
    }
    return NULL;
}

static const char *base(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void show(const char *what, const void *p) {
    struct line *l = holding(p);
    if (l == NULL) {
        printf("%s: not listed\n", what);
    } else {
        printf("%s: %s, named '%s'\n", what, l->perms, base(l->name));
    }
}

int main(int argc, char **argv) {
    (void) argc;
    int local = 1;
    load();
    printf("sorted, page-aligned, no overlap: ");
    int ok = count > 3;
    for (int i = 0; i < count; i++) {
        ok &= (lines[i].start & 4095) == 0 && (lines[i].end & 4095) == 0 && lines[i].start < lines[i].end;
        ok &= i == 0 || lines[i - 1].end <= lines[i].start;
    }
    printf("%s\n", ok ? "yes" : "no");
    show("main", (void *) main);
    printf("main's program is %s: %s\n", base(argv[0]), strcmp(base(holding((void *) main)->name), base(argv[0])) == 0
           ? "yes" : "no");
    printf("main's inode is set: %s\n", holding((void *) main)->inode != 0 ? "yes" : "no");
    show("stack variable", &local);
    void *heap = malloc(100);
    load();
    printf("malloc'd: %c%c\n", holding(heap)->perms[0], holding(heap)->perms[1]);

    char path[] = "/tmp/procmaps-XXXXXX";
    int fd = mkstemp(path);
    char page[8192];
    memset(page, 'x', sizeof page);
    if (fd < 0 || write(fd, page, sizeof page) != (ssize_t) sizeof page) {
        perror("temp file");
        return 1;
    }
    char *file = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 4096);
    char *anon = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    load();
    struct line *fl = holding(file);
    printf("file mapping: %s, offset %lu, named the file: %s, inode set: %s\n", fl->perms, fl->offset,
           strcmp(fl->name, path) == 0 ? "yes" : "no", fl->inode != 0 ? "yes" : "no");
    struct line *al = holding(anon);
    printf("anonymous mapping: %s, inode %lu, offset %lu\n", al->perms, al->inode, al->offset);
    mprotect(anon + 4096, 4096, PROT_READ);
    load();
    printf("after mprotect of the middle page: %s %s %s\n", holding(anon)->perms, holding(anon + 4096)->perms,
           holding(anon + 8192)->perms);
    printf("middle page is its own line: %s\n",
           holding(anon + 4096)->start == (unsigned long) anon + 4096 && holding(anon + 4096)->end
           == (unsigned long) anon + 8192 ? "yes" : "no");
    munmap(file, 4096);
    munmap(anon, 3 * 4096);
    load();
    printf("after munmap: file %s, anonymous %s\n", holding(file) ? "listed" : "gone", holding(anon) ? "listed" : "gone");
    close(fd);
    unlink(path);

    int again = open("/proc/self/maps", O_RDONLY);
    char small[16];
    ssize_t n = read(again, small, sizeof small);
    off_t pos = lseek(again, 0, SEEK_CUR);
    printf("read in pieces: %zd bytes, offset %ld\n", n, (long) pos);
    close(again);
    return 0;
}
