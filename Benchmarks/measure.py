#!/usr/bin/env python3
"""Runs a command and prints its wall time, CPU time and peak RSS as one JSON line on stderr.

Usage: measure.py OUT.json CMD ARGS...   (the command's own output passes through)
Peak RSS is the largest of the command and its children (ru_maxrss of RUSAGE_CHILDREN, KiB).
"""
import json
import resource
import subprocess
import sys
import time

out, cmd = sys.argv[1], sys.argv[2:]
t0 = time.perf_counter()
rc = subprocess.call(cmd)
wall = time.perf_counter() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
result = {"rc": rc, "wall": round(wall, 3), "user": round(ru.ru_utime, 3), "sys": round(ru.ru_stime, 3),
          "cpu": round(ru.ru_utime + ru.ru_stime, 3), "maxrss_mb": round(ru.ru_maxrss / 1024, 1)}
json.dump(result, open(out, "w"))
print(json.dumps(result), file=sys.stderr)
