#!/usr/bin/env python3
"""Listing and checking advice records at scale (issue 10 section 6).

Writes folders of N valid records and measures `transcripts list` (with its index warm, and cold
without it) and `transcripts verify` on them: medians of a few runs, wall time and peak memory.
Numbers are printed, never asserted.

The records are real: a few are saved with the program itself (`advise --save`), the rest are
copies with a new id and client, re-sealed the way RecordSeal seals (SHA-256 over the canonical
JSON without its seal: sorted keys, no insignificant white space, slashes and non-ASCII as they
are), with the Markdown copy changed to match. The seal of every saved record is recomputed first,
and `verify` must pass on every generated folder, so a change to the record format shows up here
as an error, not as a wrong number.

With `--signed` every record is also signed (Ed25519, as RecordSignature signs: the seal with its
label) by a key made with `keys init` in a config folder of the run's own, and that key is trusted in
each folder, so `verify` checks every signature too. It needs Python's `cryptography` package.

    python3 Benchmarks/records.py [--binary PATH] [--counts 1000,10000] [--runs 5] [--keep DIR] [--signed]
"""
import argparse
import base64
import hashlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOALS = {"list": 0.300, "verify": 3.0}  # seconds at 10,000 records, growing linearly
TOKEN = "BENCHCLIENT0"

# Advice to save: a few different paths, so the records differ in purpose and verdict.
ADVICE = [
    ["--fact", "purpose=phone-contract", "--fact", "recipient=consumer", "--fact", "call-initiator=trader",
     "--fact", "objected=no", "--fact", "consent=yes", "--fact", "contract-type=regular-supply",
     "--fact", "renewal=no", "--fact", "contract-extra=no", "--fact", "confirmation=voicelog"],
    ["--fact", "purpose=objection", "--fact", "request=stop", "--fact", "fee=yes"],
    ["--fact", "purpose=marketing-call", "--fact", "recipient=consumer", "--fact", "objected=no",
     "--fact", "consent=no", "--fact", "sender=charity", "--fact", "relationship=donor",
     "--fact", "within-3-years=yes", "--fact", "informed-at-collection=yes",
     "--fact", "opt-out-offered=yes", "--fact", "similar-offer=yes", "--fact", "call-kind=marketing",
     "--fact", "obtained-in-sale=yes", "--fact", "same-entity=yes", "--fact", "call-method=live"],
]


def seal(record):
    """RecordSeal's digest: SHA-256 of the canonical JSON of the record without `sha256` and `signature`."""
    body = {k: v for k, v in record.items() if k not in ("sha256", "signature")}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def measured(cmd, env):
    """Wall time, peak resident memory in MB and CPU time (wait4 reports them for this child alone), output
    and exit code. CPU time (user + system, over all cores) varies less than wall time when others share
    the machine."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, out.read().decode("utf-8", "replace"), \
            err.read().decode("utf-8", "replace"), proc.returncode


def save_bases(binary, folder, env):
    """Records saved by the program itself, one per advice path; returns (json, markdown) pairs."""
    shutil.rmtree(folder, ignore_errors=True)
    for facts in ADVICE:
        cmd = [binary, "advise", "--knowledge", os.path.join(ROOT, "Knowledge"), "--date", "2026-11-29",
               "--save", "--transcripts", folder, "--client", TOKEN, "--consultant", "Eva"] + facts
        done = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if done.returncode != 0:
            sys.exit(f"saving a record failed ({done.returncode}): {done.stderr.strip()}")
    bases = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json") and not name.startswith("."):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                record = json.load(f)
            with open(os.path.join(folder, name[:-5] + ".md"), encoding="utf-8") as f:
                markdown = f.read()
            if seal(record) != record["sha256"]:
                sys.exit(f"{name}: the seal computed here differs from the program's; "
                         "update seal() in this script to match RecordSeal")
            bases.append((record, markdown))
    if len(bases) != len(ADVICE):
        sys.exit(f"expected {len(ADVICE)} saved records, found {len(bases)}")
    return bases


class Signer:
    """The key `keys init` wrote, signing as RecordSignature does."""

    def __init__(self, binary, config, env):
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives import serialization
        done = subprocess.run([binary, "keys", "init", "--name", "Bench Signer"], capture_output=True, text=True, env=env)
        if done.returncode != 0:
            sys.exit(f"keys init failed ({done.returncode}): {done.stderr.strip()}")
        with open(os.path.join(config, "signing-key"), encoding="utf-8") as f:
            secret = next(line.split(" ", 1)[1].strip() for line in f if line.startswith("private-key "))
        self.key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(secret))
        raw = self.key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        self.public = base64.b64encode(raw).decode("ascii")

    def sign(self, record):
        message = f"dmcc-advice-record-signature/1 {record['sha256']}".encode("utf-8")
        record["signature"] = {"key": self.public, "value": base64.b64encode(self.key.sign(message)).decode("ascii")}

    def trust(self, folder):
        with open(os.path.join(folder, "trusted-keys"), "w", encoding="utf-8") as f:
            f.write(f"Bench Signer {self.public}\n")


def generate(folder, count, bases, rng, signer=None):
    """`count` records: copies of the bases with a new id, client and seal (and signature)."""
    os.makedirs(folder, mode=0o700, exist_ok=True)
    if signer:
        signer.trust(folder)
    used = set()
    for i in range(count):
        base, markdown = bases[i % len(bases)]
        record = dict(base)
        prefix = base["id"][:16]  # YYYYMMDD-HHMMSS-
        while True:
            new_id = prefix + f"{rng.randrange(0x1000000):06x}"
            if new_id not in used:
                used.add(new_id)
                break
        client = f"Klant {i % 997:04d}"
        record["id"] = new_id
        record["client"] = client
        record["sha256"] = seal(record)
        if signer:
            signer.sign(record)
        elif "signature" in record:
            del record["signature"]
        text = (markdown.replace(base["id"], new_id).replace(base["sha256"], record["sha256"])
                .replace(TOKEN, client))
        for name, content in ((new_id + ".md", text),
                              (new_id + ".json", json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n")):
            fd = os.open(os.path.join(folder, name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(content)


def median_of(name, count, cmd, env, runs, before=None):
    times, peaks, cpus = [], [], []
    for _ in range(runs):
        if before:
            before()
        elapsed, peak, cpu, out, err, code = measured(cmd, env)
        if code != 0:
            sys.exit(f"{name} on {count} records failed ({code}): {err.strip()[:500]}")
        times.append(elapsed)
        peaks.append(peak)
        cpus.append(cpu)
    return statistics.median(times), max(peaks), statistics.median(cpus), out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "dmcc-advisor"),
                        help="the program to measure (default: .build/release/dmcc-advisor)")
    parser.add_argument("--counts", default="1000,10000", help="record counts, comma-separated (default 1000,10000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement; the median is shown (default 5)")
    parser.add_argument("--keep", metavar="DIR", help="write the folders here and keep them (default: a temporary folder)")
    parser.add_argument("--signed", action="store_true", help="sign every record with a trusted key (needs Python's cryptography)")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"no program at {binary}: build it first (swift build -c release) or pass --binary PATH")
    counts = [int(c) for c in args.counts.split(",") if c.strip()]

    work = os.path.abspath(args.keep) if args.keep else tempfile.mkdtemp(prefix="dmcc-bench-records-")
    os.makedirs(work, exist_ok=True)
    # A home of its own: no key or settings of the user's end up in (or sign) the generated records.
    home = os.path.join(work, "home")
    os.makedirs(home, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("DMCC_")}
    env.update(HOME=home, XDG_CONFIG_HOME=os.path.join(home, ".config"), LC_ALL="C.UTF-8")
    rng = random.Random(10)
    try:
        signer = None
        if args.signed:
            config = os.path.join(work, "config")
            os.makedirs(config, exist_ok=True)
            env["DMCC_CONFIG"] = config
            signer = Signer(binary, config, env)
        bases = save_bases(binary, os.path.join(work, "saved"), env)
        print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; {time.strftime('%Y-%m-%d %H:%M')}; {binary}"
              + ("; every record signed" if signer else ""))
        results = {}
        for count in counts:
            folder = os.path.join(work, f"records-{count}")
            if os.path.exists(folder):
                shutil.rmtree(folder)
            generate(folder, count, bases, rng, signer)
            index = os.path.join(folder, ".index")

            def drop_index():
                if os.path.exists(index):
                    os.unlink(index)

            listing = [binary, "transcripts", "list", "--transcripts", folder]
            cold, cold_peak, _, _ = median_of("list", count, listing, env, max(1, args.runs // 2 + 1), drop_index)
            warm, warm_peak, _, out = median_of("list", count, listing, env, args.runs)
            if not any(line.startswith(f"{count} ") for line in out.splitlines()):
                sys.exit(f"list did not show all {count} records: {out.strip().splitlines()[-1:]}")
            check, check_peak, check_cpu, out = median_of("verify", count, [binary, "transcripts", "verify", "--transcripts", folder],
                                               env, max(1, min(args.runs, 3)))
            # Dutch by default since the messages speak the session's language; English from older builds.
            passed = f"{count} of {count} record(s) verified" in out or f"{count} van {count} verslag(en) gecontroleerd" in out
            signed = "signed by Bench Signer" in out or "ondertekend door Bench Signer" in out
            if not passed or (signer and not signed):
                sys.exit(f"verify did not pass on the generated records: {out.strip().splitlines()[-1:]}")
            results[count] = {"list": warm, "verify": check}

            def goal(what):
                return f" (goal {GOALS[what] * count / 10_000:.2f} s)" if count >= 10_000 else ""
            print(f"list {count} records: {warm:.2f} s{goal('list')}   peak {warm_peak:.1f} MB")
            print(f"list {count} records without an index: {cold:.2f} s   peak {cold_peak:.1f} MB")
            print(f"verify {count} records: {check:.2f} s{goal('verify')}   peak {check_peak:.1f} MB   cpu {check_cpu:.2f} s")
        if len(counts) >= 2:
            small, large = counts[0], counts[-1]
            for what in ("list", "verify"):
                growth = results[large][what] / results[small][what]
                print(f"{what} growth {small} -> {large} records: {growth:.1f}x for {large / small:.0f}x the records "
                      f"(goal: linear)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
