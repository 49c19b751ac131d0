#!/usr/bin/env python3
"""MCP figures of docs/PERFORMANCE.md: spawn -> initialize + tools/list answered, and tools/call latency.

Usage: bench/mcp_timer.py LAUNCHER WORKSPACE [SPAWNS] [CALLS]
  SPAWNS (default 21): fresh `backlog mcp serve` processes; each is timed from spawn until the tools/list reply.
  CALLS (default 200): task_add and task_list calls, alternating, in one running server; per-call latency.
"""
import json, os, statistics, subprocess, sys, time

launcher, ws = sys.argv[1], sys.argv[2]
spawns = int(sys.argv[3]) if len(sys.argv) > 3 else 21
calls = int(sys.argv[4]) if len(sys.argv) > 4 else 200
WARM = 100
INIT = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-11-25", "capabilities": {}}}
LIST = {"jsonrpc": "2.0", "id": 2, "method": "tools/list"}

def start():
    return subprocess.Popen([launcher, "--db", ws, "mcp", "serve", "--as", "ai:bench"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

def send(p, message):
    p.stdin.write((json.dumps(message) + "\n").encode())
    p.stdin.flush()

def reply(p):
    return json.loads(p.stdout.readline())

def pct(values, q):
    v = sorted(values)
    return v[min(len(v) - 1, int(round(q * (len(v) - 1))))]

startup, size, count = [], 0, 0
for i in range(spawns + 2):
    t0 = time.perf_counter()
    p = start()
    send(p, INIT)
    send(p, LIST)
    reply(p)
    listed = reply(p)
    elapsed = (time.perf_counter() - t0) * 1000
    p.stdin.close()
    p.wait()
    if i >= 2:  # two warm-up spawns (page cache, AOT cache file)
        startup.append(elapsed)
    size = len(json.dumps(listed["result"], separators=(",", ":"), ensure_ascii=False))
    count = len(listed["result"]["tools"])
print(f"spawn -> initialize + tools/list answered: median {statistics.median(startup):.0f} ms, "
      f"p90 {pct(startup, 0.9):.0f} ms, min {min(startup):.0f} ms (n={len(startup)})")
print(f"tools/list: {count} tools, {size} characters (compact JSON, as sent)")

p = start()
send(p, INIT)
reply(p)
lat = {"task_add": [], "task_list": []}
for i in range(calls + WARM):
    tool = "task_add" if i % 2 == 0 else "task_list"
    args = {"project": "api", "title": f"MCP bench {i}"} if tool == "task_add" else {"project": "api", "status": ["todo"], "limit": 50}
    t0 = time.perf_counter()
    send(p, {"jsonrpc": "2.0", "id": 10 + i, "method": "tools/call", "params": {"name": tool, "arguments": args}})
    r = reply(p)
    elapsed = (time.perf_counter() - t0) * 1000
    assert not r["result"]["isError"], r
    if i >= WARM:  # warm-up: the JIT compiles the hot paths
        lat[tool].append(elapsed)
p.stdin.close()
p.wait()
for tool, v in lat.items():
    print(f"tools/call {tool} in a running server: median {statistics.median(v):.2f} ms, p99 {pct(v, 0.99):.2f} ms (n={len(v)})")
