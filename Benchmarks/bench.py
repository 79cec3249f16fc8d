#!/usr/bin/env python3
"""Benchmarks for dmcc-advisor (run by `make bench` after a release build).

Measures whole processes, as a user or script meets them:
  * `advise` (median of repeated runs) next to `true` and `dialog --infobox` on the same machine, and
    the wizard's first screen next to `dialog --menu`: each ratio from runs taken in turn with its
    reference (interleaved), so that a busy spell of the machine falls on both;
  * `lint` on generated knowledge bases of 10,000 and 100,000 nodes;
  * peak resident memory of each.
Numbers are printed, never asserted: timings belong in notes, not in unit tests.

Usage: bench.py [--binary PATH]   (default: .build/release/dmcc-advisor, what `make run` builds)
"""
import argparse
import os
import pty
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXE = os.path.join(ROOT, ".build", "release", "dmcc-advisor")
# Goals of issue 12, printed next to what was measured.
SUMMARY = []


def summary(what, value, goal):
    SUMMARY.append((what, value, goal))


def run_once(cmd, use_pty=False, env=None):
    """Wall time of one run; with use_pty the process gets a terminal like an interactive user."""
    start = time.perf_counter()
    if use_pty:
        master, slave = pty.openpty()
        proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env)
        os.close(slave)
        while True:
            try:
                if not os.read(master, 65536):
                    break
            except OSError:
                break
        proc.wait()
        os.close(master)
    else:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def measure(name, cmd, runs, use_pty=False, env=None):
    run_once(cmd, use_pty, env)  # warm the page cache
    times = [run_once(cmd, use_pty, env) for _ in range(runs)]
    med = statistics.median(times)
    print(f"{name:<34} median {med * 1000:8.2f} ms   min {min(times) * 1000:8.2f} ms   ({runs} runs)")
    return med


def spawn_in_pty(cmd, env, cols=80, rows=24):
    import fcntl, struct, termios
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    return proc, master


def read_until(master, marker, timeout=10.0):
    import select
    seen = b""
    deadline = time.perf_counter() + timeout
    while marker not in seen and time.perf_counter() < deadline:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
    return marker in seen


def first_screen_once(name, cmd, marker, env):
    """Time from spawning a full-screen program in an 80x24 pseudo-terminal to its first complete screen."""
    start = time.perf_counter()
    proc, master = spawn_in_pty(cmd, env)
    ok = read_until(master, marker)
    elapsed = time.perf_counter() - start
    proc.kill()
    proc.wait()
    os.close(master)
    if not ok:
        sys.exit(f"{name}: never showed {marker!r}")
    return elapsed


def interleaved(runs, **timers):
    """Medians of timers run in turn, one of each per round, after a round that warms the page cache:
    load that comes and goes on the machine falls on the program and its reference alike, so their
    ratio holds better than that of two series measured one after the other."""
    for timer in timers.values():
        timer()
    times = {name: [] for name in timers}
    for _ in range(runs):
        for name, timer in timers.items():
            times[name].append(timer())
    medians = {}
    for name, values in times.items():
        medians[name] = statistics.median(values)
        print(f"{name:<34} median {medians[name] * 1000:8.2f} ms   min {min(values) * 1000:8.2f} ms   ({runs} runs, interleaved)")
    return medians


def wizard_session_peak_mb(env):
    """Peak memory (VmHWM) of a wizard session walked to its advice, scrolled, and quit."""
    records = tempfile.mkdtemp(prefix="dmcc-bench-records-")
    proc, master = spawn_in_pty([EXE, "--date", "2026-11-29", "--client", "Bench", "--transcripts", records,
                                 "--knowledge", os.path.join(ROOT, "Knowledge")], env)
    read_until(master, "stoppen".encode())
    # A marketing call to a consumer, with an offer, no objection, no consent, by a business: not allowed.
    for key in "512221":
        os.write(master, key.encode())
        time.sleep(0.05)
    read_until(master, "TOEGESTAAN".encode())
    for key in ["\x1b[F", "\x1b[H", "r", "\x1b", "l"]:
        os.write(master, key.encode())
        time.sleep(0.05)
    with open(f"/proc/{proc.pid}/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    os.write(master, b"qy")
    proc.wait(timeout=10)
    os.close(master)
    shutil.rmtree(records, ignore_errors=True)
    return peak / 1024


def peak_rss_mb(cmd, env=None):
    """Peak resident set size of one run, measured in a fresh child so earlier runs do not count."""
    probe = ("import resource,subprocess,sys;"
             "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe] + cmd, capture_output=True, text=True, env=env).stdout
    return int(out.strip()) / 1024


def generate(folder, nodes):
    """A complete binary decision tree with `nodes` nodes, in files of 5,000 nodes each."""
    os.makedirs(folder, exist_ok=True)
    questions = (nodes - 1) // 2
    total = 2 * questions + 1
    with open(os.path.join(folder, "knowledge.yaml"), "w") as f:
        f.write("knowledge:\n  version: bench\n  reviewed: 2026-11-01\n  jurisdiction: NL\n"
                "  languages: [nl, en]\n  root: n0\n  covers-from: 2021-07-01\n  scenarios:\n"
                "    - id: s\n      source: false\n      title: {nl: Proef, en: Bench}\n")
    # One fact per depth: a path may ask each fact once (lint checks that).
    depth = max(1, questions.bit_length())
    with open(os.path.join(folder, "facts.yaml"), "w") as f:
        f.write("facts:\n")
        for d in range(depth):
            f.write(f"  - id: f{d}\n    label: {{nl: Feit {d}, en: Fact {d}}}\n    values:\n"
                    "      - {value: \"yes\", nl: Ja, en: \"Yes\"}\n      - {value: \"no\", nl: Nee, en: \"No\"}\n")
    for chunk in range(0, total, 5000):
        with open(os.path.join(folder, f"nodes-{chunk // 5000:03d}.yaml"), "w") as f:
            f.write("nodes:\n")
            for i in range(chunk, min(total, chunk + 5000)):
                if i < questions:
                    f.write(f"  - id: n{i}\n    ask: f{(i + 1).bit_length() - 1}\n    text: {{nl: Vraag {i}?, en: Question {i}?}}\n"
                            f"    why: {{nl: Omdat., en: Because.}}\n    options:\n"
                            f"      - {{value: \"yes\", next: n{2 * i + 1}}}\n      - {{value: \"no\", next: n{2 * i + 2}}}\n")
                else:
                    f.write(f"  - id: n{i}\n    verdict: not-allowed\n    scenario: s\n"
                            f"    title: {{nl: Uitkomst {i}, en: Outcome {i}}}\n"
                            f"    explanation: {{nl: Uitleg., en: Explanation.}}\n"
                            f"    alternatives:\n      - {{nl: Iets anders., en: Something else.}}\n"
                            f"    legal-basis:\n      - {{ref: Tw art. 11.7, grade: statute}}\n")
    return total


def main():
    global EXE
    parser = argparse.ArgumentParser(description="Start-up, memory and lint benchmarks of dmcc-advisor.")
    parser.add_argument("--binary", default=EXE, help="the dmcc-advisor binary to measure (default: %(default)s)")
    EXE = os.path.abspath(parser.parse_args().binary)
    if not os.path.exists(EXE):
        sys.exit("build first: make release (or make bench)")
    # The compiled knowledge goes to a folder of its own: the first (warm-up) run of each
    # measurement writes it, the measured runs read it, as a user's second start would.
    cache = tempfile.mkdtemp(prefix="dmcc-bench-cache-")
    env = dict(os.environ, TERM=os.environ.get("TERM", "xterm-256color"), DMCC_CACHE=cache)
    env.pop("DMCC_KNOWLEDGE", None)
    # A cache folder that cannot be created: every run reads the YAML.
    no_cache = dict(env, DMCC_CACHE="/dev/null/dmcc-advisor")
    print(f"machine: {os.cpu_count()} cores; {time.strftime('%Y-%m-%d')}; binary: {EXE}")
    print("\n== advise as a whole process ==")
    advise = [EXE, "advise", "--knowledge", os.path.join(ROOT, "Knowledge"), "--date", "2026-11-29",
              "--fact", "purpose=marketing-call", "--fact", "recipient=consumer", "--fact", "call-kind=marketing",
              "--fact", "objected=no", "--fact", "consent=no", "--fact", "sender=charity", "--fact", "relationship=donor",
              "--fact", "within-3-years=yes", "--fact", "obtained-in-sale=yes", "--fact", "same-entity=yes",
              "--fact", "informed-at-collection=yes",
              "--fact", "opt-out-offered=yes", "--fact", "similar-offer=yes", "--fact", "call-method=live"]
    status = subprocess.run(advise, capture_output=True, env=env).returncode
    if status != 0:
        sys.exit(f"the benchmark's advise exits {status}, not 0: fix its facts")
    t_true = measure("true", ["true"], 41)
    t_version = measure("dmcc-advisor --version", [EXE, "--version"], 41, env=env)
    measure("dmcc-advisor advise --format json", advise + ["--format", "json"], 41, env=env)
    t_yaml = measure("advise, reading the YAML (no cache)", advise, 21, env=no_cache)
    if shutil.which("dialog"):
        infobox = ["dialog", "--infobox", "Toegestaan", "5", "30"]
        t = interleaved(61, **{"dmcc-advisor advise (text)": lambda: run_once(advise, env=env),
                               "dialog --infobox (in a pty)": lambda: run_once(infobox, True, env)})
        t_advise, t_dialog = t["dmcc-advisor advise (text)"], t["dialog --infobox (in a pty)"]
        print(f"advise / dialog --infobox: {t_advise / t_dialog:.2f}x   (goal: within 2x)   advise / true: {t_advise / t_true:.1f}x")
        summary("advise / dialog --infobox", f"{t_advise / t_dialog:.2f}x ({t_advise * 1000:.1f} / {t_dialog * 1000:.1f} ms)", "within 2x")
    else:
        t_advise = measure("dmcc-advisor advise (text)", advise, 41, env=env)
        print("dialog not installed: no dialog reference")
    print(f"advise from compiled knowledge / from YAML: {t_advise / t_yaml:.2f}x")
    summary("--version", f"{t_version * 1000:.1f} ms (true {t_true * 1000:.1f} ms)", "")
    print(f"peak memory of advise: {peak_rss_mb(advise, env):.1f} MB")

    print("\n== the wizard: time to the first full screen (80x24 pty) ==")
    # --client skips the optional start screen, so this is the first question screen.
    records = tempfile.mkdtemp(prefix="dmcc-bench-records-")
    wizard = [EXE, "--date", "2026-11-29", "--client", "Bench", "--transcripts", records,
              "--knowledge", os.path.join(ROOT, "Knowledge")]
    if shutil.which("dialog"):
        menu = ["dialog", "--menu", "Wat wilt u doen?", "15", "60", "6"] + sum(
            ([str(i), f"Keuze {i}"] for i in range(1, 7)), [])
        t = interleaved(61, **{"dmcc-advisor wizard": lambda: first_screen_once("wizard", wizard, b"stoppen", env),
                               "dialog --menu": lambda: first_screen_once("dialog", menu, b"Cancel", env)})
        t_wizard, t_menu = t["dmcc-advisor wizard"], t["dialog --menu"]
        print(f"wizard first screen / dialog --menu: {t_wizard / t_menu:.2f}x   (goal: within 1.5x)")
        summary("wizard first screen / dialog --menu", f"{t_wizard / t_menu:.2f}x ({t_wizard * 1000:.1f} / {t_menu * 1000:.1f} ms)",
                "within 1.5x")
    else:
        interleaved(41, **{"dmcc-advisor wizard": lambda: first_screen_once("wizard", wizard, b"stoppen", env)})
    shutil.rmtree(records, ignore_errors=True)
    peak = wizard_session_peak_mb(env)
    print(f"peak memory of a wizard session: {peak:.1f} MB   (goal: under 20 MB)")
    summary("peak memory, wizard session", f"{peak:.1f} MB", "under 20 MB")

    print("\n== lint on generated knowledge ==")
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for size, runs in ((10_000, 5), (100_000, 3)):
            folder = os.path.join(tmp, f"kb{size}")
            n = generate(folder, size)
            lint = [EXE, "lint", "--knowledge", folder]
            if subprocess.run(lint, capture_output=True).returncode != 0:
                sys.exit(f"generated knowledge of {n} nodes does not lint clean")
            results[size] = measure(f"lint {n} nodes", lint, runs)
            print(f"peak memory of lint {n} nodes: {peak_rss_mb(lint):.1f} MB")
        print(f"lint 100,000 nodes: {results[100_000]:.2f} s   (goal: within 2 s)")
        print(f"lint 100k / 10k: {results[100_000] / results[10_000]:.1f}x   (goal: linear, about 10x)")
        summary("lint, 100,000 nodes", f"{results[100_000]:.2f} s", "within 2 s")
        summary("lint, 100k / 10k", f"{results[100_000] / results[10_000]:.1f}x", "linear, about 10x")
    print(f"\nshipped knowledge: ", end="", flush=True)
    subprocess.run([EXE, "lint", "--knowledge", os.path.join(ROOT, "Knowledge")])
    measure("lint shipped knowledge", [EXE, "lint", "--knowledge", os.path.join(ROOT, "Knowledge")], 21)
    shutil.rmtree(cache, ignore_errors=True)

    records_bench = os.path.join(ROOT, "Benchmarks", "records.py")
    if os.path.exists(records_bench):
        print("\n== advice records (Benchmarks/records.py) ==", flush=True)
        subprocess.run([sys.executable, records_bench, "--binary", EXE])

    print("\n== summary: measured next to the goals ==")
    for what, value, goal in SUMMARY:
        print(f"{what:<38} {value:<34} {('goal: ' + goal) if goal else ''}")


if __name__ == "__main__":
    main()
