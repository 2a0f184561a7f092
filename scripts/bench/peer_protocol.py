"""The line protocol of benchmark peers (runner bench; Sources/Lab/Benchmark/PeerProcess.swift).

A peer sets itself up, prints {"ready": true}, then answers stdin lines:
  run K  -> runs K iterations, prints {"ms": [K per-iteration milliseconds]}
  quit   -> prints {"peak_rss_mb": X} and exits
Its thread budget is in MOGENLAB_THREADS. Write a peer as: set up, then serve(one_iteration).
"""
import json
import os
import resource
import sys
import time


def threads():
    """The thread budget the harness gives both sides."""
    return int(os.environ.get("MOGENLAB_THREADS", "1"))


def reply(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def serve(iteration, **info):
    """Answer the harness until it says quit; `info` goes into the ready line."""
    reply({"ready": True, **info})
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "run" and len(words) == 2:
            timings = []
            for _ in range(int(words[1])):
                start = time.perf_counter()
                iteration()
                timings.append((time.perf_counter() - start) * 1000.0)
            reply({"ms": timings})
        elif words[0] == "quit":
            # ru_maxrss is in KiB on Linux.
            reply({"peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0})
            return
        else:
            print(f"peer: unknown command {line.strip()!r}", file=sys.stderr)
            sys.exit(2)
