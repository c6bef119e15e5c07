// Measurement tooling only, never shipped (make-order.py builds it and preloads it into the agent it benchmarks).
// Records which methods of the executable run: every method entry listed in $EDGE_ORDER_ENTRIES (file offsets, hex,
// ascending) gets a breakpoint byte (int3) at start; the first call traps into this handler, which marks the method,
// puts the original byte back and resumes there. SIGTRAPs at other addresses go to the handler the runtime installs
// (sigaction is wrapped for SIGTRAP so the runtime's handler sits behind this one). Every second the set of methods
// run so far is written to $EDGE_ORDER_SNAPSHOTS/snap-NNNNN (file offsets, hex).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <unistd.h>
#include <pthread.h>
#include <ucontext.h>
#include <sys/mman.h>

static char exe[4096];
static uintptr_t lo, hi, off;
static uintptr_t *addr; static unsigned char *orig; static volatile unsigned char *hit; static size_t count;
static struct sigaction prev;
static int active;
typedef int (*sigaction_fn)(int, const struct sigaction *, struct sigaction *);
static sigaction_fn real_sigaction;

static long find(uintptr_t a) {
    size_t l = 0, h = count;
    while (l < h) { size_t m = (l + h) / 2; if (addr[m] < a) l = m + 1; else h = m; }
    return l < count && addr[l] == a ? (long)l : -1;
}

static void handler(int sig, siginfo_t *si, void *ctx) {
    ucontext_t *uc = ctx;
    uintptr_t at = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP] - 1;
    long i = find(at);
    if (i >= 0) {
        hit[i] = 1;
        if (*(volatile unsigned char *)at == 0xCC) *(volatile unsigned char *)at = orig[i];
        uc->uc_mcontext.gregs[REG_RIP] = (greg_t)at;
        return;
    }
    if (prev.sa_flags & SA_SIGINFO) { prev.sa_sigaction(sig, si, ctx); return; }
    if (prev.sa_handler == SIG_IGN) return;
    if (prev.sa_handler != SIG_DFL) { prev.sa_handler(sig); return; }
    struct sigaction d; memset(&d, 0, sizeof d); d.sa_handler = SIG_DFL;
    real_sigaction(SIGTRAP, &d, NULL);
}

int sigaction(int sig, const struct sigaction *act, struct sigaction *old) {
    if (!real_sigaction) real_sigaction = (sigaction_fn)dlsym(RTLD_NEXT, "sigaction");
    if (sig == SIGTRAP && active) {
        if (old) *old = prev;
        if (act) prev = *act;
        return 0;
    }
    return real_sigaction(sig, act, old);
}

static void write_hits(const char *path) {
    char tmp[4200]; snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *out = fopen(tmp, "w");
    for (size_t i = 0; i < count; i++)
        if (hit[i]) fprintf(out, "%lx\n", addr[i] - lo + off);
    fclose(out);
    rename(tmp, path);
}

static void *loop(void *arg) {
    const char *dir = getenv("EDGE_ORDER_SNAPSHOTS");
    for (int i = 0;; i++) {
        sleep(1);
        char path[4096]; snprintf(path, sizeof path, "%s/snap-%05d", dir, i);
        write_hits(path);
    }
    return arg;
}

__attribute__((constructor)) static void init(void) {
    const char *list = getenv("EDGE_ORDER_ENTRIES");
    if (!getenv("EDGE_ORDER_SNAPSHOTS") || !list) return;
    real_sigaction = (sigaction_fn)dlsym(RTLD_NEXT, "sigaction");
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return; exe[n] = 0;
    FILE *maps = fopen("/proc/self/maps", "r");
    char line[8192];
    while (fgets(line, sizeof line, maps)) {
        unsigned long s, e, o; char perms[8], p[4096] = "";
        if (sscanf(line, "%lx-%lx %7s %lx %*s %*s %4095s", &s, &e, perms, &o, p) < 4) continue;
        if (strcmp(p, exe) == 0 && perms[2] == 'x') { lo = s; hi = e; off = o; }
    }
    fclose(maps);
    if (!lo) return;
    FILE *in = fopen(list, "r");
    size_t cap = 1 << 17; addr = malloc(cap * sizeof *addr); orig = malloc(cap); hit = calloc(cap, 1);
    unsigned long fo;
    while (count < cap && fscanf(in, "%lx", &fo) == 1) {
        uintptr_t a = lo + (fo - off);
        if (a >= lo && a < hi) addr[count++] = a;
    }
    fclose(in);
    struct sigaction sa; memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler; sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    real_sigaction(SIGTRAP, &sa, NULL);
    active = 1;
    mprotect((void *)lo, hi - lo, PROT_READ | PROT_WRITE | PROT_EXEC);
    for (size_t i = 0; i < count; i++) { orig[i] = *(unsigned char *)addr[i]; *(unsigned char *)addr[i] = 0xCC; }
    pthread_t t; pthread_create(&t, NULL, loop, NULL); pthread_detach(t);
}
