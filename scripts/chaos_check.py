#!/usr/bin/env python3
"""Invariants of ./bench.sh chaos, checked against the OVH fake's own record (/fake/messages, /fake/delivery-reports)
and the database (psql, PG* environment), plus the operators' request log and the fault log. Prints the table and
exits 1 when an invariant is violated."""
import argparse
import collections
import json
import subprocess
import sys
import urllib.request


def q(sql):
    out = subprocess.run(["psql", "-XAtq", "-F", "|", "-c", sql], capture_output=True, text=True, check=True).stdout
    return [line.split("|") for line in out.splitlines() if line]


def fake(base, path):
    with urllib.request.urlopen(base + path, timeout=120) as r:
        return json.loads(r.read())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--fake", required=True)
    p.add_argument("--ops-log", required=True)
    p.add_argument("--faults", required=True)
    p.add_argument("--persons", type=int, required=True)
    args = p.parse_args()

    faults = [json.loads(l) for l in open(args.faults) if l.strip()]
    ops = [json.loads(l) for l in open(args.ops_log) if l.strip()]

    # The J2 SMS of every person with a mobile, exactly once at OVH (tag = person id + milestone + attempt).
    messages = fake(args.fake, "/fake/messages")
    per_person = collections.Counter((m.get("tag") or "").split("-")[0] for m in messages if "-J2-" in (m.get("tag") or ""))
    mobiles = {r[0] for r in q("SELECT replace(id::text, '-', '') FROM persons WHERE phone LIKE '+336%' OR phone LIKE '+337%'")}
    duplicates = sum(1 for pid, n in per_person.items() if n > 1)
    missing = sum(1 for pid in mobiles if per_person.get(pid, 0) == 0)
    recorded_ids = {r[0] for r in q("SELECT provider_id FROM sms_messages WHERE provider_id IS NOT NULL")}
    unrecorded = sum(1 for m in messages if "-J2-" in (m.get("tag") or "") and str(m["id"]) not in recorded_ids)

    # Persons and milestones: every imported person exists; each J2 has its SMS, its call due, or its call made.
    persons = int(q("SELECT count(*) FROM persons WHERE external_id LIKE 'chaos-%'")[0][0])
    skipped = int(q("""SELECT count(*) FROM persons p WHERE p.external_id LIKE 'chaos-%'
        AND NOT EXISTS (SELECT 1 FROM sms_messages s WHERE s.person_id = p.id AND s.provider_id IS NOT NULL)
        AND NOT EXISTS (SELECT 1 FROM due_calls d WHERE d.person_id = p.id)
        AND NOT EXISTS (SELECT 1 FROM person_events e WHERE e.person_id = p.id AND e.event IN ('callOutcome', 'smsNotSent', 'followUpEnded'))""")[0][0])

    # Delivery reports: every report the web acknowledged (2xx) is recorded.
    reports = fake(args.fake, "/fake/delivery-reports")
    delivered = {r[0] for r in q("SELECT provider_id FROM sms_messages WHERE delivery_status IS NOT NULL")}
    acknowledged = [r for r in reports if 200 <= r["status"] < 300]
    not_recorded = [str(r["id"]) for r in acknowledged if str(r["id"]) not in delivered]
    dlr_lost = len(not_recorded)
    # Why, for each: kept pending (durable, its SMS record missing or not applied yet) or nowhere (lost). OVH ids only.
    pending = {r[0] for r in q("SELECT provider_id FROM pending_delivery_reports")}
    dlr_why = [f"{i}: {'pending' if i in pending else 'nowhere'}, SMS record "
               f"{'present' if q(f'SELECT 1 FROM sms_messages WHERE provider_id = {chr(39)}{i}{chr(39)}') else 'absent'}"
               for i in not_recorded[:20] if i.isdigit()]
    dlr_refused = len(reports) - len(acknowledged)

    # Operators: never two operators holding one person at once; every acknowledged outcome is on the person's timeline.
    held = collections.defaultdict(list)  # person -> [(start, end, op)]
    open_claims = {}
    for e in sorted(ops, key=lambda e: e["t"]):
        if e["kind"] == "next" and e["status"] == 200:
            open_claims[(e["op"], e["callId"])] = e["t"]
        elif e["kind"] == "outcome":
            start = open_claims.pop((e["op"], e["callId"]), None)
            if start is not None:
                held[e["person"]].append((start, e["t"], e["op"]))
    doubles = 0
    for spans in held.values():
        spans.sort()
        for a, b in zip(spans, spans[1:]):
            if b[2] != a[2] and b[0] < a[1]:
                doubles += 1
    # An outcome answered 409 ("already recorded": a repeat whose first answer was lost) counts as acknowledged: it
    # must be on the timeline once, like one answered 200. Per person: its calls acknowledged (200 or 409) must all be
    # recorded, and no more outcomes recorded than calls an outcome was sent for.
    outcomes = [e for e in ops if e["kind"] == "outcome"]
    acked_calls = collections.defaultdict(set)
    sent_calls = collections.defaultdict(set)
    for e in outcomes:
        sent_calls[e["person"]].add(e["callId"])
        if e["status"] in (200, 409):
            acked_calls[e["person"]].add(e["callId"])
    acked = {pid: len(calls) for pid, calls in acked_calls.items()}
    events = {r[0]: int(r[1]) for r in q("SELECT person_id, count(*) FROM person_events WHERE event = 'callOutcome' GROUP BY 1")}
    outcomes_lost = sum(max(0, n - events.get(pid, 0)) for pid, n in acked.items())
    outcomes_twice = sum(max(0, events.get(pid, 0) - len(calls)) for pid, calls in sent_calls.items())
    repeats = sum(1 for e in outcomes if e["status"] == 409)
    repeats_unrecorded = sum(1 for e in outcomes if e["status"] == 409 and events.get(e["person"], 0) == 0)

    # Outcomes in flight during the faults: sent before a kill and answered after it, or sent while a killed silo was
    # down (kill to its restarted successor's readiness), or across the PostgreSQL restart.
    kills = [f for f in faults if f["fault"].startswith("kill -9")]
    at_kill = sum(1 for e in outcomes if any(e.get("sent", e["t"]) <= k["start"] <= e["t"] for k in kills))
    while_down = sum(1 for e in outcomes if any(k["start"] <= e.get("sent", e["t"]) <= (k.get("recovered") or k["start"])
                                               for k in kills))

    # API answers: 5xx only inside the PostgreSQL restart window.
    pg = [f for f in faults if f["fault"] == "pg_ctl restart -m fast"]
    window = (min(f["start"] for f in pg), max(f["end"] for f in pg)) if pg else (0, 0)
    five = [e for e in ops if e["status"] >= 500 or e["status"] == 0]
    # A request counts inside the window when it was in flight during it (sent before the server was back, answered after
    # it went down): e.g. a 503 decided while the database was away reaches its client a moment after pg_ctl returned.
    during = sum(1 for e in five if e["t"] >= window[0] and e["t"] - e.get("ms", 0) / 1000 <= window[1])
    across_pg = sum(1 for e in outcomes if e.get("sent", e["t"]) <= window[1] and e["t"] >= window[0]) if pg else 0
    after = len(five) - during

    by_fault = collections.OrderedDict()
    for f in faults:
        by_fault.setdefault(f["fault"], []).append(f)
    print()
    print("| fault | times | recovery s (max) | recovery s (mean) |")
    print("|---|---:|---:|---:|")
    for name, fs in by_fault.items():
        rec = [f["recovered"] - f["end"] for f in fs if f.get("recovered")]
        mx = f"{max(rec):.1f}" if rec else "-"
        mean = f"{sum(rec) / len(rec):.1f}" if rec else "-"
        unrecovered = sum(1 for f in fs if not f.get("recovered"))
        print(f"| {name} | {len(fs)} | {mx}{' (' + str(unrecovered) + ' not recovered)' if unrecovered else ''} | {mean} |")
    calls = collections.Counter((e["kind"], e["status"]) for e in ops)
    print()
    print("| invariant | violations |")
    print("|---|---:|")
    rows = [
        (f"J2 SMS sent twice (by tag, {len(per_person)} persons at OVH)", duplicates),
        (f"J2 SMS missing ({len(mobiles)} persons with a mobile)", missing),
        ("SMS accepted by OVH but not recorded", unrecorded),
        (f"persons lost ({args.persons} imported, {persons} found)", args.persons - persons),
        ("milestones skipped (J2 without SMS, call due or outcome)", skipped),
        (f"delivery reports acknowledged but not recorded ({len(acknowledged)} acknowledged)", dlr_lost),
        (f"person in two operators' hands at once ({sum(len(s) for s in held.values())} calls)", doubles),
        (f"acknowledged outcomes lost ({sum(acked.values())} acknowledged, 200 or 409)", outcomes_lost),
        (f"outcomes recorded twice ({sum(events.values())} recorded)", outcomes_twice),
        (f"outcomes answered 409 'already recorded' but not recorded ({repeats} answered 409)", repeats_unrecorded),
        (f"API 5xx/no answer after the PostgreSQL restart window ({during} inside it)", after),
    ]
    for name, n in rows:
        print(f"| {name} | {n} |")
    print()
    print(f"Delivery reports refused or unanswered by the web (nothing acknowledged, so nothing lost; counted apart): {dlr_refused}")
    if dlr_why:
        print("Delivery reports acknowledged but not on their message: " + "; ".join(dlr_why))
    print(f"Outcomes in flight during the faults: {at_kill} in flight at a kill, {while_down} sent while a killed silo was down "
          f"(until its restart was ready), {across_pg} across the PostgreSQL restart; {repeats} answered 409 'already recorded' "
          f"(a repeat after a lost answer; each checked recorded once)")
    print("API answers: " + ", ".join(f"{k} {s}: {n}" for (k, s), n in sorted(calls.items())))
    for kind in ("next", "outcome"):  # slowness is how faults show when nothing fails: how long the operators waited
        ms = sorted(e["ms"] for e in ops if e["kind"] == kind and "ms" in e)
        if ms:
            print(f"API {kind} latency ms: p50 {ms[len(ms) // 2]}, p99 {ms[min(len(ms) - 1, len(ms) * 99 // 100)]}, "
                  f"max {ms[-1]} ({len(ms)} requests)")
    sys.exit(1 if any(n for _, n in rows) else 0)


if __name__ == "__main__":
    main()
