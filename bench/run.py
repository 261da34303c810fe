"""`make bench`: ferrojwt against its peers in one run, with ratios and the issue 6 targets.

Run with bench/.venv's interpreter (bench/setup.sh) after `cargo bench -p ferrojwt --bench core`
and the C bench (bench/results/c.json); the Makefile does all of it. Every Python library runs in
its own worker process (bench/pyworker.py; PyJWT 1.7.1 cannot share an interpreter with PyJWT 2),
every Django stack in its own bench/djworker.py. All workers stay alive for the whole run and are
measured in interleaved rounds, so a burst of load from another process hits every library alike;
each figure is the median of its rounds.

BENCH_QUICK=1: fewer and shorter rounds, results written to bench/results/ only (docs/ keeps the
last full run).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
QUICK = os.environ.get("BENCH_QUICK") == "1"
# A quick run keeps its raw figures apart, so --report-only still renders the last full run.
RESULTS_JSON = RESULTS / ("results-quick.json" if QUICK else "results.json")
CRITERION = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "criterion"

LIBS = ["ferrojwt", "pyjwt2", "pyjwt1", "oxyjwt"]
PEERS = LIBS[1:]
LABEL = {"ferrojwt": "ferrojwt", "pyjwt2": "PyJWT 2", "pyjwt1": "PyJWT 1.7.1", "oxyjwt": "oxyjwt"}
ALGS = ["HS256", "RS256", "PS256", "ES256", "EdDSA"]
OPS = ["encode", "decode"]
STACKS = ["ferrojwt", "ferrojwt-stateless", "drfjwt"]
STACK_LABEL = {
    "ferrojwt": "ferrojwt.drf",
    "ferrojwt-stateless": "ferrojwt.drf stateless",
    "drfjwt": "drf-jwt 1.11 + PyJWT 2",
}

# Same secret as core/benches/core.rs and bench/c/bench_c.c (50 characters).
SECRET = "bench-secret-key-" + "k" * 33
# The criterion bench's keys, so Python and in-process Rust sign with the very same keys.
KEYS = {
    "rsa.pem": "rsa2048.pkcs8.pem",
    "rsa.pub.pem": "rsa2048.spki.pem",
    "ec.pem": "ec_p256.pkcs8.pem",
    "ec.pub.pem": "ec_p256.spki.pem",
    "ed.pem": "ed25519.pkcs8.pem",
    "ed.pub.pem": "ed25519.spki.pem",
}

if QUICK:
    ROUNDS, SLICE_S, THREAD_ROUNDS, THREAD_S, LEAK_N, DJ_ROUNDS, DJ_SLICE_S = 3, 0.04, 1, 0.15, 100_000, 3, 0.05
else:
    ROUNDS, SLICE_S, THREAD_ROUNDS, THREAD_S, LEAK_N, DJ_ROUNDS, DJ_SLICE_S = 11, 0.2, 5, 0.5, 1_000_000, 9, 0.3

# A leak of even 4 bytes per decode would show as ~4 MiB over a million decodes.
LEAK_LIMIT_KIB = 2048


def log(*args):
    print(*args, file=sys.stderr, flush=True)


class Worker:
    """A bench/pyworker.py or bench/djworker.py process spoken to in JSON lines."""

    def __init__(self, argv, name):
        self.name = name
        self.proc = subprocess.Popen(
            [sys.executable, *argv], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1
        )
        self.hello = self._read()

    def _read(self):
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"worker {self.name} exited (rc={self.proc.wait()})")
        return json.loads(line)

    def ask(self, **cmd):
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        return self._read()

    def close(self):
        if self.proc.poll() is None:
            try:
                self.proc.stdin.write(json.dumps({"cmd": "quit"}) + "\n")
                self.proc.stdin.close()
            except BrokenPipeError:
                pass
        self.proc.wait(timeout=60)


def rotate(items, r):
    k = r % len(items)
    return items[k:] + items[:k]


def spread(samples):
    m = statistics.median(samples)
    return (max(samples) - min(samples)) / m if m else 0.0


# --- Python libraries -------------------------------------------------------------------------
def make_keydir(tmp):
    keydir = Path(tmp, "keys")
    keydir.mkdir()
    (keydir / "hs256.secret").write_text(SECRET)
    for name, source in KEYS.items():
        shutil.copy(ROOT / "core" / "tests" / "keys" / source, keydir / name)
    return keydir


def shared_tokens(keydir, payload):
    """The tokens every library decodes: made by ferrojwt, so the decode figures compare the
    verification of identical bytes."""
    import ferrojwt

    tokens = {"HS256": ferrojwt.encode(payload, SECRET, "HS256")}
    priv = {"RS256": "rsa.pem", "PS256": "rsa.pem", "ES256": "ec.pem", "EdDSA": "ed.pem"}
    for alg, name in priv.items():
        tokens[alg] = ferrojwt.encode(payload, (keydir / name).read_text(), alg)
    return tokens


def calibrate(worker, alg, op, seconds):
    """Iterations for one slice of about `seconds`, found with two growing probes."""
    n = 20
    for target in (0.02, seconds):
        us = worker.ask(cmd="time", alg=alg, op=op, n=n)["us"]
        n = max(1, int(target * 1e6 / max(us, 0.01)))
    return n


def bench_python(workers):
    times, samples = {}, {}
    for alg in ALGS:
        for op in OPS:
            libs = [w for w in workers if alg in w.hello["supported"]]
            n = {w.name: calibrate(w, alg, op, SLICE_S) for w in libs}
            got = {w.name: [] for w in libs}
            for r in range(ROUNDS):
                for w in rotate(libs, r):
                    got[w.name].append(w.ask(cmd="time", alg=alg, op=op, n=n[w.name])["us"])
            for name, v in got.items():
                times[(name, alg, op)] = statistics.median(v)
                samples[(name, alg, op)] = v
            log(f"  {alg} {op}: " + ", ".join(f"{LABEL[k]} {fmt_us(statistics.median(v))} us"
                                             for k, v in got.items()))
    return times, samples


def hash_scaling(seconds):
    """Two-thread / one-thread throughput of SHA-256 over 1 MiB buffers, which hashlib computes
    without the GIL: the parallelism the machine offers right now, to read the RS256 figures
    against (a core busy with another job caps every library alike)."""
    buf = os.urandom(1 << 20)
    t0 = time.perf_counter()
    n = 0
    while time.perf_counter() - t0 < 0.05:
        hashlib.sha256(buf).digest()
        n += 1
    n = max(2, int(n * seconds / 0.05))

    def work():
        for _ in range(n):
            hashlib.sha256(buf).digest()

    t0 = time.perf_counter()
    work()
    one = n / (time.perf_counter() - t0)
    threads = [threading.Thread(target=work) for _ in range(2)]
    t0 = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return 2 * n / (time.perf_counter() - t0) / one


def bench_threads(workers, times):
    """RS256 signing throughput with one and two Python threads, interleaved over libraries,
    with the SHA-256 control once per round."""
    libs = [w for w in workers if "RS256" in w.hello["supported"]]
    got = {w.name: [] for w in libs}
    control = []
    for r in range(THREAD_ROUNDS):
        control.append(hash_scaling(THREAD_S))
        for w in rotate(libs, r):
            n = max(10, int(THREAD_S * 1e6 / times[(w.name, "RS256", "encode")]))
            got[w.name].append(w.ask(cmd="threads", n=n))
    out = {}
    for name, rounds in got.items():
        out[name] = {
            "one": statistics.median(x["one"] for x in rounds),
            "two": statistics.median(x["two"] for x in rounds),
            "scaling": statistics.median(x["two"] / x["one"] for x in rounds),
        }
        log(f"  RS256 threads {LABEL[name]}: {out[name]['one']:.0f}/s one, {out[name]['two']:.0f}/s two, "
            f"x{out[name]['scaling']:.2f}")
    log(f"  control (SHA-256 without the GIL): x{statistics.median(control):.2f}")
    return out, statistics.median(control)


# --- Django -----------------------------------------------------------------------------------
def bench_django(tmp):
    db = str(Path(tmp, "bench.sqlite3"))
    # ferrojwt.drf warns about the email/user_id payload fields on every token, as 1.11 did.
    worker = ["-W", "ignore::DeprecationWarning", str(BENCH / "djworker.py")]
    # ferrojwt.drf's app is a superset of what the other stacks install, so it creates the schema.
    subprocess.run([sys.executable, *worker, "ferrojwt", db, "--migrate"], check=True)
    stacks, unavailable = [], {}
    for name in STACKS:
        w = Worker([*worker, name, db], name)
        if "unavailable" in w.hello:
            unavailable[name] = w.hello["unavailable"]
            log(f"  {name}: unavailable ({w.hello['unavailable']})")
            w.close()
        else:
            stacks.append(w)
    rps, samples, peaks, info = {}, {}, {}, {}
    try:
        for op in ("get", "refresh"):
            n = {}
            for w in stacks:
                probe = w.ask(cmd="time", op=op, n=50)["rps"]
                n[w.name] = max(20, int(DJ_SLICE_S * probe))
            got = {w.name: [] for w in stacks}
            for r in range(DJ_ROUNDS):
                for w in rotate(stacks, r):
                    got[w.name].append(w.ask(cmd="time", op=op, n=n[w.name])["rps"])
            for name, v in got.items():
                rps[(name, op)] = statistics.median(v)
                samples[(name, op)] = v
            log(f"  Django {op}: " + ", ".join(f"{STACK_LABEL[k]} {statistics.median(v):.0f} req/s"
                                              for k, v in got.items()))
        for w in stacks:
            peaks[w.name] = w.ask(cmd="peaks")["peaks"]
            info[w.name] = {k: w.hello.get(k) for k in ("django", "drf", "stateless_key")}
    finally:
        for w in stacks:
            w.close()
    return {"rps": rps, "samples": samples, "peaks": peaks, "info": info, "unavailable": unavailable}


# --- Rust (criterion) and C -------------------------------------------------------------------
def read_criterion():
    """full id ('HS256/decode/ferrojwt') -> median time in microseconds, from the last run."""
    out, newest = {}, 0.0
    for bench_json in CRITERION.glob("**/new/benchmark.json"):
        meta = json.loads(bench_json.read_text())
        est = json.loads((bench_json.parent / "estimates.json").read_text())
        out[meta["full_id"]] = est["median"]["point_estimate"] / 1000.0
        newest = max(newest, bench_json.stat().st_mtime)
    return out, newest


def read_c():
    path = RESULTS / "c.json"
    return json.loads(path.read_text()) if path.exists() else {}


# --- Environment ------------------------------------------------------------------------------
def run_out(argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def machine():
    lscpu = run_out(["lscpu"])
    fields = dict(line.split(":", 1) for line in lscpu.splitlines() if ":" in line)
    fields = {k.strip(): v.strip() for k, v in fields.items()}
    return {
        "model": fields.get("Model name", platform.processor() or "unknown"),
        "cpus": fields.get("CPU(s)", str(os.cpu_count())),
        "threads_per_core": fields.get("Thread(s) per core", "?"),
        "kernel": platform.release(),
        "loadavg": os.getloadavg(),
    }


def lock_version(crate):
    lock = (ROOT / "Cargo.lock").read_text().split("[[package]]")
    for block in lock:
        if f'\nname = "{crate}"\n' in block:
            return block.split('version = "', 1)[1].split('"', 1)[0]
    return "?"


def versions(workers):
    v = {LABEL[w.name]: w.hello["version"] for w in workers}
    for dist in ("cryptography", "Django", "djangorestframework", "djangorestframework-jwt", "matplotlib"):
        try:
            v[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            v[dist] = "not installed"
    v["Python"] = platform.python_version()
    for crate in ("jsonwebtoken", "aws-lc-rs", "aws-lc-sys", "serde_json", "criterion", "pyo3"):
        v[f"{crate} (crate)"] = lock_version(crate)
    v["rustc"] = run_out(["rustc", "--version"]).removeprefix("rustc ")
    v["gcc"] = (run_out(["cc", "--version"]).splitlines() or ["?"])[0]
    v["libjwt"] = run_out(["dpkg-query", "-W", "-f=${Version}", "libjwt-dev"]) or "not installed"
    return v


# --- Report -----------------------------------------------------------------------------------
def fmt_us(us):
    if us is None:
        return "n/a"
    return f"{us:.2f}" if us < 10 else f"{us:.1f}" if us < 1000 else f"{us:.0f}"


def fmt_x(x):
    return "n/a" if x is None else f"{x:.2f}x"


def ratio(a, b):
    return a / b if a is not None and b else None


def evaluate(r):
    """The issue 6 targets: (name, measured, comparison, threshold, met)."""
    t, core, th, dj = r["python"], r["core"], r["threads"], r["django"]["rps"]
    checks = []

    def check(name, value, op, limit, unit="x", note="", issue6=True):
        met = None if value is None else (value >= limit if op == ">=" else value <= limit)
        checks.append({"target": name, "value": value, "op": op, "limit": limit, "unit": unit, "met": met,
                       "note": note, "issue6": issue6})

    check("HS256 decode+verify (Python): oxyjwt time / ferrojwt time", ratio(t.get(("oxyjwt", "HS256", "decode")),
          t.get(("ferrojwt", "HS256", "decode"))), ">=", 2.0)
    check("HS256 decode+verify: Python time / core in-process time",
          ratio(t.get(("ferrojwt", "HS256", "decode")), core.get("HS256/decode/ferrojwt")), "<=", 1.6)
    check("HS256 encode (Python): oxyjwt time / ferrojwt time", ratio(t.get(("oxyjwt", "HS256", "encode")),
          t.get(("ferrojwt", "HS256", "encode"))), ">=", 1.5)
    for alg in ("RS256", "ES256", "EdDSA"):
        check(f"{alg} verify: Python time / core in-process time",
              ratio(t.get(("ferrojwt", alg, "decode")), core.get(f"{alg}/decode/ferrojwt")), "<=", 1.15)
    peers = [t[(p, "RS256", "encode")] for p in PEERS if (p, "RS256", "encode") in t]
    check("RS256 sign (Python): ferrojwt time / best peer time",
          ratio(t.get(("ferrojwt", "RS256", "encode")), min(peers) if peers else None), "<=", 1.05)
    control = r.get("threads_control")
    check("RS256 sign, 2 Python threads / 1 thread (throughput)",
          th.get("ferrojwt", {}).get("scaling"), ">=", 1.8,
          note=f"the machine's own 2-thread scaling in the same rounds: {control:.2f}x" if control else "")
    check("core HS256 decode: ferrojwt time / hand-written floor time",
          ratio(core.get("HS256/decode/ferrojwt"), core.get("HS256/decode/floor")), "<=", 1.3)
    check("Django authenticated GET: ferrojwt.drf req/s / drf-jwt req/s",
          ratio(dj.get(("ferrojwt", "get")), dj.get(("drfjwt", "get"))), ">=", 1.3)
    check("Django authenticated GET: stateless ferrojwt.drf req/s / drf-jwt req/s",
          ratio(dj.get(("ferrojwt-stateless", "get")), dj.get(("drfjwt", "get"))), ">=", 2.0)
    leak = r["leak"]
    check(f"no leak: RSS growth over {leak['n']:,} HS256 decodes (KiB)",
          leak["after_kib"] - leak["before_kib"], "<=", LEAK_LIMIT_KIB, unit="KiB", issue6=False)
    return checks


def verdict(c):
    return "n/a" if c["met"] is None else "MET" if c["met"] else "MISSED"


def fmt_check_value(c):
    if c["value"] is None:
        return "n/a"
    return f"{c['value']:.0f} KiB" if c["unit"] == "KiB" else f"{c['value']:.2f}x"


def fmt_limit(c):
    return f"{c['op']} {c['limit']:g}" + (" KiB" if c["unit"] == "KiB" else "x")


def md_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def tables(r):
    """The report's tables as (title, header, rows), shared by the terminal and Markdown output."""
    t, core, out = r["python"], r["core"], []
    rows = []
    for alg in ALGS:
        for op in OPS:
            f = t.get(("ferrojwt", alg, op))
            row = [f"{alg} {op}", fmt_us(f)]
            row += [fmt_us(t.get((p, alg, op))) for p in PEERS]
            row += [fmt_x(ratio(t.get((p, alg, op)), f)) for p in PEERS]
            c = core.get(f"{alg}/{op}/ferrojwt")
            row += [fmt_us(c), fmt_x(ratio(f, c)), fmt_us(f - c) if f is not None and c else "n/a"]
            rows.append(row)
    out.append(("Python libraries",
                ("Times in µs/op, median of rounds. Speed-up = peer time / ferrojwt time (above 1x "
                 "ferrojwt is faster). Python/core = ferrojwt from Python / ferrojwt core in-process; "
                 "Python−core = the binding's cost per call in µs"),
                ["scenario", "ferrojwt"] + [LABEL[p] for p in PEERS] + [f"vs {LABEL[p]}" for p in PEERS]
                + ["core (Rust)", "Python/core", "Python−core"], rows))

    rows = []
    for alg in ALGS:
        for op in OPS:
            f, j = core.get(f"{alg}/{op}/ferrojwt"), core.get(f"{alg}/{op}/jsonwebtoken")
            if f is None and j is None:
                continue
            floor = core.get(f"{alg}/{op}/floor")
            rows.append([f"{alg} {op}", fmt_us(f), fmt_us(j), fmt_x(ratio(f, j)),
                         fmt_us(floor) if floor else "", fmt_x(ratio(f, floor)) if floor else ""])
            # The same pipeline handing over the claims in place (what the Python binding uses)
            # instead of building the public Decoded map.
            in_place = core.get(f"{alg}/{op}/ferrojwt-in-place")
            if in_place is not None:
                rows.append([f"{alg} {op}, claims in place (`decode_claims_with`)", fmt_us(in_place),
                             fmt_us(j), fmt_x(ratio(in_place, j)), fmt_us(floor) if floor else "",
                             fmt_x(ratio(in_place, floor)) if floor else ""])
    out.append(("Rust core in-process",
                "Criterion median in µs/op; ratio = ferrojwt time / other time (below 1x the core is faster)",
                ["scenario", "ferrojwt", "jsonwebtoken", "ferrojwt/jsonwebtoken", "hand-written floor",
                 "ferrojwt/floor"], rows))

    c = r["c"]
    if c:
        rows = [[f"HS256 {op}", fmt_us(c.get(f"ferrojwt_{op}")), fmt_us(c.get(f"libjwt_{op}")),
                 fmt_x(ratio(c.get(f"libjwt_{op}"), c.get(f"ferrojwt_{op}")))] for op in ("sign", "verify")]
        out.append(("C API", "µs/op, median of 15 interleaved rounds; speed-up = libjwt time / ferrojwt time",
                    ["scenario", "ferrojwt (C)", "libjwt", "speed-up"], rows))

    rows = [[LABEL[k], f"{v['one']:.0f}", f"{v['two']:.0f}", f"{v['scaling']:.2f}x"]
            for k, v in r["threads"].items()]
    control = r.get("threads_control")
    if control:
        rows.append(["control: SHA-256 of 1 MiB (no GIL)", "", "", f"{control:.2f}x"])
    out.append(("RS256 signing from Python threads",
                ("Tokens/s, median of interleaved rounds. The control row is the two-thread scaling the "
                 "machine offered during the same rounds: a figure near it is as good as this run allows"),
                ["library", "1 thread", "2 threads", "2 / 1"], rows))

    dj = r["django"]
    if dj["rps"]:
        base = {op: dj["rps"].get(("drfjwt", op)) for op in ("get", "refresh")}

        def peak(s, op):
            kib = dj["peaks"].get(s, {}).get(op)
            return f"{kib / 1024:.1f}" if kib else "n/a"

        rows = [[STACK_LABEL[s]] + [f"{dj['rps'][(s, op)]:.0f}" if (s, op) in dj["rps"] else "n/a"
                                    for op in ("get", "refresh")]
                + [fmt_x(ratio(dj["rps"].get((s, op)), base[op])) for op in ("get", "refresh")]
                + [peak(s, "get"), peak(s, "refresh")]
                for s in STACKS if s not in dj["unavailable"]]
        out.append(("Django end to end",
                    ("Requests/s through the test client (whole middleware/URL/DRF stack); ratio = stack "
                     "req/s / drf-jwt req/s; peak RSS in MiB (VmHWM of the stack's process)"),
                    ["stack", "GET /me", "POST /refresh", "GET vs drf-jwt", "refresh vs drf-jwt",
                     "peak RSS GET", "peak RSS refresh"], rows))

    rows = []
    for alg in ALGS:
        for op in OPS:
            rows.append([f"{alg} {op}"] + [f"{r['peaks'][lib].get(f'{alg} {op}', 0) / 1024:.1f}"
                                           if f"{alg} {op}" in r["peaks"].get(lib, {}) else "n/a"
                                           for lib in LIBS])
    out.append(("Peak RSS per scenario",
                "MiB: VmHWM of each library's worker process, reset before every timed slice",
                ["scenario"] + [LABEL[lib] for lib in LIBS], rows))
    return out


def print_report(r, checks):
    for title, caption, header, rows in tables(r):
        print(f"\n{title}: {caption}")
        widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
        for row in [header] + rows:
            print("  " + "  ".join(str(c).rjust(w) if i else str(c).ljust(w)
                                   for i, (c, w) in enumerate(zip(row, widths, strict=True))))
    leak = r["leak"]
    print(f"\nLeak check: {leak['n']:,} HS256 decodes in ferrojwt: RSS {leak['before_kib']} KiB -> "
          f"{leak['after_kib']} KiB ({leak['after_kib'] - leak['before_kib']:+d} KiB) in {leak['seconds']:.1f} s")
    print("\nIssue 6 targets")
    width = max(len(c["target"]) for c in checks)
    for c in checks:
        note = f"; {c['note']}" if c["note"] else ""
        print(f"  {verdict(c):6} {c['target'].ljust(width)}  {fmt_check_value(c):>10}  (target {fmt_limit(c)}{note})")


def write_markdown(r, checks, path, png_name):
    m, v, leak, k = r["machine"], r["versions"], r["leak"], r["params"]
    targets = [c for c in checks if c["issue6"]]
    met = sum(1 for c in targets if c["met"])
    load = " / ".join(f"{x:.2f}" for x in m["loadavg"])
    load_end = " / ".join(f"{x:.2f}" for x in r["loadavg_end"])
    method = [
        ("Each Python library runs in its own process (PyJWT 1.7.1 and PyJWT 2 share the import name "
         "`jwt`); all stay alive and are measured in interleaved rounds (round-robin, the first library "
         f"rotated each round): {k['rounds']} rounds of ~{k['slice_s'] * 1000:.0f} ms per library, algorithm and "
         "operation. Every figure is the median of its rounds."),
        ("Payload: djangorestframework_jwt's `{user_id, username, exp, email, orig_iat}`, `exp` far in "
         "the future. Every library decodes the same tokens, made by ferrojwt (each library first "
         "checks that it accepts them and round-trips its own)."),
        ("Keys: HS256 a 50-character secret; RSA 2048, P-256 and Ed25519 from `core/tests/keys`, the "
         "files the criterion bench uses. ferrojwt gets the secret or PEM text, as `ferrojwt.drf` "
         "passes them (parsed once, then cached); PyJWT gets `cryptography` key objects; oxyjwt its "
         "prepared `EncodingKey`/`DecodingKey` and native functions."),
        ("Rust core: criterion (`cargo bench -p ferrojwt --bench core`), median estimate; jsonwebtoken "
         "with the aws-lc-rs backend called directly with the same keys; a hand-written HS256 verify "
         "(split, base64url, aws-lc HMAC, serde_json, exp check) as the floor."),
        (f"Threads: RS256 signing, {k['thread_rounds']} interleaved rounds of one thread then two threads "
         "signing the same number of tokens each; median of the throughput ratios."),
        (f"Leak: {leak['n']:,} HS256 decodes in ferrojwt after 20,000 warm-up decodes; VmRSS before "
         "and after."),
        (f"Django: the test client (no sockets) against one SQLite file, {k['dj_rounds']} interleaved "
         f"rounds of ~{k['dj_slice_s'] * 1000:.0f} ms per stack and request; drf-jwt 1.11 runs on PyJWT 2 through "
         "bench-only shims (bench/djworker.py); the stateless stack is ferrojwt.drf with "
         f"`{r['django']['info'].get('ferrojwt-stateless', {}).get('stateless_key') or 'n/a'}`."),
        ("C: bench/c/bench_c.c, HS256 through the ferrojwt C API (static library) and libjwt, 15 "
         "interleaved rounds."),
    ]
    lines = [
        "# Benchmarks",
        "",
        (f"Produced by `make bench` ({'quick mode, ' if r['quick'] else ''}started {r['started']} UTC; "
         f"bench/run.py took {r['elapsed_s'] / 60:.1f} min). The method is in "
         "[bench/README.md](../bench/README.md). These are measurements, not tests: nothing here "
         "fails a build."),
        "",
        f"**Targets of issue 6: {met} of {len(targets)} met** (plus the leak check, last row).",
        "",
        md_table(["", "target", "measured", "goal", "note"],
                 [[verdict(c), c["target"], fmt_check_value(c), fmt_limit(c), c["note"]] for c in checks]),
        "",
        f"![ratios]({png_name})",
        "",
        "## Machine",
        "",
        (f"- CPU: {m['model']}; {m['cpus']} CPUs ({m['threads_per_core']} thread(s) per core); "
         f"Linux {m['kernel']}"),
        f"- Load average (1/5/15 min) at the start of bench/run.py: {load}; at the end: {load_end}",
    ]
    if r.get("note"):
        lines.append(f"- {r['note']}")
    lines += ["", "## Versions", "",
              md_table(["component", "version"], sorted(v.items(), key=lambda kv: kv[0].lower())),
              "", "## Method", ""]
    lines += [f"- {x}" for x in method]
    lines.append("")
    for title, caption, header, rows in tables(r):
        lines += [f"## {title}", "", caption + ".", "", md_table(header, rows), ""]
    lines += ["## Leak check", "",
              (f"{leak['n']:,} HS256 decodes in ferrojwt: VmRSS {leak['before_kib']} KiB before, "
               f"{leak['after_kib']} KiB after ({leak['after_kib'] - leak['before_kib']:+d} KiB), "
               f"{leak['seconds']:.1f} s."), ""]
    path.write_text("\n".join(lines))


def write_chart(r, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    t, core = r["python"], r["core"]
    fig, axes = plt.subplots(3, 1, figsize=(12, 14), gridspec_kw={"height_ratios": [1.2, 1, 1]})

    ax = axes[0]
    groups = [(a, o) for a in ALGS for o in OPS]
    width = 0.26
    colors = {"pyjwt2": "#4c72b0", "pyjwt1": "#8c8c8c", "oxyjwt": "#dd8452"}
    seen = [1.0]
    for i, p in enumerate(PEERS):
        xs, ys = [], []
        for g, (alg, op) in enumerate(groups):
            x = ratio(t.get((p, alg, op)), t.get(("ferrojwt", alg, op)))
            if x is not None:
                xs.append(g + (i - 1) * width)
                ys.append(x)
        seen += ys
        bars = ax.bar(xs, ys, width, label=f"vs {LABEL[p]}", color=colors[p])
        ax.bar_label(bars, fmt="%.1f", fontsize=7, padding=1)
    ax.axhline(1, color="black", linewidth=0.8)
    ax.set_yscale("log")
    ticks = [2.0**k for k in range(-6, 7) if min(seen) / 2 <= 2.0**k <= max(seen) * 2]
    ax.set_yticks(ticks, [f"{x:g}x" for x in ticks])
    ax.yaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    ax.set_xticks(range(len(groups)), [f"{a}\n{o}" for a, o in groups], fontsize=9)
    ax.set_ylabel("peer time / ferrojwt time (higher = ferrojwt faster)")
    ax.set_title("Python: ferrojwt speed-up over each peer (log scale)")
    ax.legend(loc="upper right", fontsize=9)

    ax = axes[1]
    series = [("Python / core in-process", "#55a868", lambda alg, op: ratio(
                   t.get(("ferrojwt", alg, op)), core.get(f"{alg}/{op}/ferrojwt"))),
              ("core / jsonwebtoken", "#8172b3", lambda alg, op: ratio(
                   core.get(f"{alg}/{op}/ferrojwt"), core.get(f"{alg}/{op}/jsonwebtoken"))),
              ("core / hand-written floor", "#937860", lambda alg, op: ratio(
                   core.get(f"{alg}/{op}/ferrojwt"), core.get(f"{alg}/{op}/floor")))]
    for i, (label, color, fn) in enumerate(series):
        xs, ys = [], []
        for g, (alg, op) in enumerate(groups):
            x = fn(alg, op)
            if x is not None:
                xs.append(g + (i - 1) * width)
                ys.append(x)
        if ys:
            bars = ax.bar(xs, ys, width, label=label, color=color)
            ax.bar_label(bars, fmt="%.2f", fontsize=7, padding=1)
    ax.axhline(1, color="black", linewidth=0.8)
    ax.set_xticks(range(len(groups)), [f"{a}\n{o}" for a, o in groups], fontsize=9)
    ax.set_ylabel("time ratio (lower = less overhead)")
    ax.set_title("Overheads: ferrojwt from Python over the core in-process; the core over jsonwebtoken "
                 "and over the floor")
    ax.legend(loc="upper right", fontsize=9)

    ax = axes[2]
    labels, values, goals = [], [], []
    for c in r["checks"]:
        if c["unit"] != "x" or c["value"] is None:
            continue
        labels.append(textwrap.fill(c["target"], 45))
        values.append(c["value"])
        goals.append(c["limit"])
    ys = range(len(values))
    bar_colors = ["#55a868" if c["met"] else "#c44e52"
                  for c in r["checks"] if c["unit"] == "x" and c["value"] is not None]
    bars = ax.barh(ys, values, color=bar_colors)
    ax.bar_label(bars, fmt="%.2fx", fontsize=8, padding=2)
    ax.scatter(goals, ys, marker="|", s=300, color="black", zorder=3, label="target")
    ax.set_yticks(ys, labels, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel("measured ratio (green = target met, red = missed; | = target)")
    ax.set_title("Issue 6 targets")
    ax.legend(loc="lower right", fontsize=8)

    fig.suptitle(f"ferrojwt benchmarks ({r['started'][:10]}, {r['machine']['model']}, "
                 f"{r['machine']['cpus']} CPUs)", fontsize=11)
    fig.tight_layout(rect=(0, 0, 1, 0.98))
    fig.savefig(path, dpi=110)
    plt.close(fig)


def jsonable(r):
    def keyed(d):
        return {" ".join(k) if isinstance(k, tuple) else k: v for k, v in d.items()}

    out = dict(r)
    out["python"], out["python_samples"] = keyed(r["python"]), keyed(r["python_samples"])
    out["django"] = dict(r["django"], rps=keyed(r["django"]["rps"]), samples=keyed(r["django"]["samples"]))
    return out


def load_results():
    """The last run's raw figures back into the in-memory shape (tuple keys), for --report-only."""
    r = json.loads(RESULTS_JSON.read_text())

    def tupled(d):
        return {tuple(k.split(" ")): v for k, v in d.items()}

    r["python"], r["python_samples"] = tupled(r["python"]), tupled(r["python_samples"])
    r["django"]["rps"], r["django"]["samples"] = tupled(r["django"]["rps"]), tupled(r["django"]["samples"])
    return r


def report(result):
    docs = RESULTS if result["quick"] else ROOT / "docs"
    docs.mkdir(exist_ok=True)
    result["checks"] = evaluate(result)
    print_report(result, result["checks"])
    write_markdown(result, result["checks"], docs / "benchmarks.md", "benchmarks.png")
    write_chart(result, docs / "benchmarks.png")
    print(f"\nwrote {docs / 'benchmarks.md'} and {docs / 'benchmarks.png'}")


def main():
    if "--report-only" in sys.argv:
        # Re-renders the tables, docs and chart from the last run without measuring again.
        report(load_results())
        return
    started = datetime.datetime.now(datetime.UTC)
    t0 = time.monotonic()
    RESULTS.mkdir(exist_ok=True)
    params = {"rounds": ROUNDS, "slice_s": SLICE_S, "thread_rounds": THREAD_ROUNDS, "dj_rounds": DJ_ROUNDS,
              "dj_slice_s": DJ_SLICE_S}
    result = {"started": started.strftime("%Y-%m-%d %H:%M"), "machine": machine(), "quick": QUICK,
              "params": params,
              "note": os.environ.get("BENCH_NOTE", "")}
    now = int(time.time())
    payload = {"user_id": 1, "username": "alice", "exp": now + 10 * 365 * 86400,
               "email": "alice@example.com", "orig_iat": now}
    workers = []
    with tempfile.TemporaryDirectory(prefix="ferrojwt-bench-") as tmp:
        keydir = make_keydir(tmp)
        tokens = shared_tokens(keydir, payload)
        try:
            for lib in LIBS:
                workers.append(Worker([str(BENCH / "pyworker.py"), lib, str(keydir)], lib))
            for w in workers:
                w.ask(cmd="init", payload=payload, tokens=tokens)
            log(f"Python libraries ({ROUNDS} interleaved rounds):")
            result["python"], result["python_samples"] = bench_python(workers)
            log("RS256 signing from threads:")
            result["threads"], result["threads_control"] = bench_threads(workers, result["python"])
            log(f"Leak check ({LEAK_N:,} HS256 decodes in ferrojwt)...")
            ferro = workers[0]
            result["leak"] = dict(ferro.ask(cmd="leak", n=LEAK_N), n=LEAK_N)
            result["peaks"] = {w.name: w.ask(cmd="peaks")["peaks"] for w in workers}
            result["versions"] = versions(workers)
        finally:
            for w in workers:
                w.close()
        log(f"Django ({DJ_ROUNDS} interleaved rounds):")
        result["django"] = bench_django(tmp)
    result["core"], core_mtime = read_criterion()
    if not result["core"]:
        log(f"warning: no criterion results under {CRITERION}; run cargo bench -p ferrojwt --bench core")
    elif time.time() - core_mtime > 6 * 3600:
        log("warning: the criterion results are more than 6 hours old")
    result["c"] = read_c()
    if not result["c"]:
        log(f"warning: no C results in {RESULTS / 'c.json'}")
    result["loadavg_end"] = os.getloadavg()
    result["elapsed_s"] = time.monotonic() - t0
    RESULTS_JSON.write_text(json.dumps(jsonable(result), indent=1, default=str))
    report(result)
    print(f"raw figures (every round): {RESULTS_JSON}")


if __name__ == "__main__":
    main()
