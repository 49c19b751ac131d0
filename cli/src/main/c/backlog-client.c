/*
 * backlog-client: the native twin of dev.backlog.cli.client.Client (docs/launcher.md, "The resident daemon").
 * The launcher compiles it when a C compiler is present (else the Java client is used) and runs
 *     backlog-client SOCKET ARGS...
 * It hands one CLI call to the resident daemon and replays the daemon's stdout, stderr and exit status.
 * The wire format is Wire.java's: keep the two in step (DaemonIT runs both clients against one daemon).
 * Exit 200 = the daemon did not take the call (no socket, a dead daemon's socket, which is removed, or a
 * decline): the launcher then runs the call in-process. After the daemon accepted the call a broken
 * connection is exit 1 (INTERNAL), never a retry, since the command may already have written.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define MAGIC 0x424b4c02u
#define FALLBACK 200
#define MAX_FRAME (256u << 20)

extern char **environ;

/* A growable request buffer. */
struct buf {
    char *data;
    size_t len, cap;
};

static void put(struct buf *b, const void *p, size_t n) {
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 65536;
        while (cap < b->len + n) cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d) exit(FALLBACK);
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

static void put_int(struct buf *b, uint32_t v) {
    unsigned char c[4] = {v >> 24, v >> 16, v >> 8, v};
    put(b, c, 4);
}

static void put_bytes(struct buf *b, const char *s, size_t n) {
    put_int(b, (uint32_t) n);
    put(b, s, n);
}

static void put_str(struct buf *b, const char *s) { put_bytes(b, s, strlen(s)); }

static int write_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t) w;
    }
    return 0;
}

static int read_all(int fd, void *p, size_t n) {
    char *c = p;
    while (n > 0) {
        ssize_t r = read(fd, c, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        c += r;
        n -= (size_t) r;
    }
    return 0;
}

static int read_int(int fd, uint32_t *v) {
    unsigned char c[4];
    if (read_all(fd, c, 4)) return -1;
    *v = (uint32_t) c[0] << 24 | (uint32_t) c[1] << 16 | (uint32_t) c[2] << 8 | c[3];
    return 0;
}

/* True when the command reads stdin: --from-file - (Wire.readsStdin). */
static int reads_stdin(int argc, char **argv) {
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--from-file=-")) return 1;
        if (!strcmp(argv[i], "--from-file") && i + 1 < argc && !strcmp(argv[i + 1], "-")) return 1;
    }
    return 0;
}

static int has_json(int argc, char **argv) {
    for (int i = 0; i < argc; i++)
        if (!strcmp(argv[i], "--json")) return 1;
    return 0;
}

/* The request: magic, args, environment, cwd and its identity (Java's fileKey text), stdin or -1. */
static void request(struct buf *b, int argc, char **argv) {
    put_int(b, MAGIC);
    put_int(b, (uint32_t) argc);
    for (int i = 0; i < argc; i++) put_str(b, argv[i]);
    uint32_t n = 0;
    for (char **e = environ; *e; e++)
        if (strchr(*e, '=')) n++;
    put_int(b, n);
    for (char **e = environ; *e; e++) {
        char *eq = strchr(*e, '=');
        if (!eq) continue;
        put_bytes(b, *e, (size_t) (eq - *e));
        put_str(b, eq + 1);
    }
    char cwd[4096];
    char key[64] = "";
    struct stat st;
    if (!getcwd(cwd, sizeof cwd)) cwd[0] = 0;
    if (cwd[0] && stat(cwd, &st) == 0)
        snprintf(key, sizeof key, "(dev=%lx,ino=%lu)", (unsigned long) st.st_dev, (unsigned long) st.st_ino);
    put_str(b, cwd);
    put_str(b, key);
    if (reads_stdin(argc, argv)) {
        struct buf in = {0};
        char chunk[65536];
        ssize_t r;
        while ((r = read(0, chunk, sizeof chunk)) != 0) {
            if (r < 0) {
                if (errno == EINTR) continue;
                break;
            }
            put(&in, chunk, (size_t) r);
        }
        put_bytes(b, in.data ? in.data : "", in.len);
        free(in.data);
    } else {
        put_int(b, 0xffffffffu);
    }
}

static int lost(int argc, char **argv) {
    const char *m = "lost the connection to the backlog daemon while the command ran (the connection broke); "
                    "it may or may not have been applied: check with 'backlog activity'";
    char text[512];
    if (has_json(argc, argv))
        snprintf(text, sizeof text, "{\n  \"error\": {\n    \"code\": \"INTERNAL\",\n    \"message\": \"%s\",\n"
                 "    \"details\": {}\n  }\n}\n", m);
    else
        snprintf(text, sizeof text, "error: %s\n", m);
    write_all(2, text, strlen(text));
    return 1;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fputs("usage: backlog-client SOCKET [ARGS...]\n", stderr);
        return FALLBACK;
    }
    signal(SIGPIPE, SIG_IGN); /* a closed stdout is an error to drop output on, as in the JVM */
    const char *path = argv[1];
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof addr.sun_path) return FALLBACK;
    strcpy(addr.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0) return FALLBACK;
    if (connect(fd, (struct sockaddr *) &addr, sizeof addr) < 0) {
        if (errno == ECONNREFUSED) unlink(path); /* nobody listens: a daemon that died without cleaning up */
        return FALLBACK;
    }
    struct buf req = {0};
    request(&req, argc - 2, argv + 2);
    if (write_all(fd, req.data, req.len)) return FALLBACK;
    free(req.data);

    int accepted = 0, out_broken = 0, err_broken = 0;
    char *frame = NULL;
    for (;;) {
        unsigned char type;
        uint32_t n;
        if (read_all(fd, &type, 1) || read_int(fd, &n) || n > MAX_FRAME) break;
        if (type == 'A') {
            accepted = 1;
        } else if (type == 'D') {
            return FALLBACK;
        } else if (type == 'X') {
            uint32_t status;
            if (n != 4 || read_int(fd, &status)) break;
            return (int) status;
        } else if (type == 'O' || type == 'E') {
            char *f = realloc(frame, n ? n : 1);
            if (!f) break;
            frame = f;
            if (read_all(fd, frame, n)) break;
            int *broken = type == 'O' ? &out_broken : &err_broken;
            if (!*broken && write_all(type == 'O' ? 1 : 2, frame, n)) *broken = 1;
        } else {
            break;
        }
    }
    return accepted ? lost(argc - 2, argv + 2) : FALLBACK;
}
