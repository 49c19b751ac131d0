#!/usr/bin/env python3
"""Times whole CLI invocations: wall (perf_counter) and CPU (user+sys of the child, from wait4 rusage).

Cases run round-robin, one call each per round, so background load falls on every case alike.
Usage: cli_timer.py ROUNDS WORKDIR -- name=cmd args... ;; name=cmd args... (";;" separates cases; {i} = round,
{n} = BENCH_BASE + round, e.g. the number of the task the same round added)
With BENCH_DAEMON_PID set, also the CPU that process (the resident daemon) used during each call, as a mean per
call (its /proc stat counts in 10 ms ticks, so per-call medians would be meaningless; the mean is exact).
"""
import os, sys, time, statistics

def daemon_ms(pid):
    if not pid:
        return 0.0
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf("SC_CLK_TCK")

def run(argv, env):
    t = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=[(os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0),
                                                            (os.POSIX_SPAWN_OPEN, 2, "/dev/null", os.O_WRONLY, 0)])
    _, status, ru = os.wait4(pid, 0)
    wall = (time.perf_counter() - t) * 1000
    return wall, (ru.ru_utime + ru.ru_stime) * 1000, os.waitstatus_to_exitcode(status)

def main():
    rounds = int(sys.argv[1]); workdir = sys.argv[2]
    spec = " ".join(sys.argv[4:])
    cases = []
    for part in spec.split(";;"):
        name, cmd = part.strip().split("=", 1)
        cases.append((name, cmd.split()))
    os.chdir(workdir)
    env = dict(os.environ)
    results = {n: [] for n, _ in cases}
    daemon = os.environ.get("BENCH_DAEMON_PID")
    dcpu = {n: 0.0 for n, _ in cases}
    base = int(os.environ.get("BENCH_BASE", "10001"))  # {n}: the ref number the round's task add created
    for r in range(rounds + 2):
        for name, argv in cases:
            a = [x.replace("{i}", str(r)).replace("{n}", str(base + r)) for x in argv]
            d0 = daemon_ms(daemon)
            wall, cpu, code = run(a, env)
            d1 = daemon_ms(daemon)
            if code != 0:
                print(f"warning: {name} exited {code} in round {r}", file=sys.stderr)
            if r >= 2:  # two warm-up rounds (file cache, first-run extraction)
                results[name].append((wall, cpu))
                dcpu[name] += d1 - d0
    if daemon:
        print("| case | wall median | wall p90 | client CPU median | daemon CPU mean | client + daemon CPU | runs |")
        print("|---|---:|---:|---:|---:|---:|---:|")
    else:
        print("| case | wall median | wall p90 | CPU median | runs |")
        print("|---|---:|---:|---:|---:|")
    for name, _ in cases:
        w = sorted(x[0] for x in results[name]); c = sorted(x[1] for x in results[name])
        if daemon:
            d = dcpu[name] / len(w)
            print(f"| {name} | {statistics.median(w):.0f} ms | {w[int(len(w)*0.9)]:.0f} ms | {statistics.median(c):.0f} ms"
                  f" | {d:.0f} ms | {statistics.median(c) + d:.0f} ms | {len(w)} |")
        else:
            print(f"| {name} | {statistics.median(w):.0f} ms | {w[int(len(w)*0.9)]:.0f} ms | {statistics.median(c):.0f} ms | {len(w)} |")

main()
