#!/usr/bin/env python3
"""Simulated operators for ./bench.sh chaos: each claims the next call over the API, talks for a while (--talk-seconds
on average, 0.5-1.5 times that, so outcomes are in flight throughout the faults rather than all sent before them) and
records a mixed outcome (reached, no answer, refused), until the file named by --stop exists. With --start (a Unix
time) they take no call before it. Every request is logged as one JSON line (t, sent, op, kind, status, person,
callId, outcome) to --log; the checker (chaos_check.py) reads it. An outcome answered 409 ("an outcome was already
recorded for this call": a repeat whose first answer was lost) is logged as such; the checker checks it is recorded
once."""
import argparse
import json
import os
import random
import threading
import time
import urllib.error
import urllib.request

OUTCOMES = [
    ("reached", {"outcome": "reached", "answers": {"consent": True, "rulesReminded": True, "difficulty": "none", "sociallyVulnerable": False}}),
    ("noAnswer", {"outcome": "noAnswer"}),
    ("refused", {"outcome": "refused", "reason": "notConcerned"}),
]


def request(base, key, method, path, body=None, timeout=90):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
            return r.status, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as e:
        return e.code, None
    except Exception:  # connection refused / reset / timeout: no HTTP answer
        return 0, None


def operator(op, args, log, lock):
    def write(**entry):
        entry["t"] = time.time()
        entry["op"] = op
        with lock:
            log.write(json.dumps(entry) + "\n")
            log.flush()

    while time.time() < args.start and not os.path.exists(args.stop):
        time.sleep(0.5)
    while not os.path.exists(args.stop):
        asked = time.time()
        status, call = request(args.base, args.key, "POST", f"/api/operators/{op}/next")
        ms = round((time.time() - asked) * 1000)
        if status != 200:
            write(kind="next", status=status, ms=ms)
            time.sleep(0.5 if status in (204, 0) else 0.2)
            continue
        write(kind="next", status=status, ms=ms, person=call["personId"], callId=call["callId"])
        time.sleep(random.uniform(0.5, 1.5) * args.talk_seconds if args.talk_seconds > 0 else random.uniform(0.05, 0.3))
        name, body = random.choice(OUTCOMES)
        sent = time.time()
        status, _ = request(args.base, args.key, "POST", f"/api/calls/{call['callId']}/outcome", body)
        write(kind="outcome", sent=sent, status=status, ms=round((time.time() - sent) * 1000), person=call["personId"], callId=call["callId"], outcome=name)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--operators", type=int, default=20)
    p.add_argument("--log", required=True)
    p.add_argument("--stop", required=True)
    p.add_argument("--talk-seconds", type=float, default=0, help="mean talk time per call (0: 0.05-0.3 s)")
    p.add_argument("--start", type=float, default=0, help="Unix time before which no call is taken")
    args = p.parse_args()
    lock = threading.Lock()
    with open(args.log, "a") as log:
        threads = [threading.Thread(target=operator, args=(f"chaos-op-{i}", args, log, lock), daemon=True) for i in range(args.operators)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()


if __name__ == "__main__":
    main()
