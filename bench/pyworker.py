"""One library under test, driven over stdin/stdout by bench/run.py (JSON lines).

Usage: pyworker.py LIB KEYDIR   with LIB in ferrojwt, pyjwt2, pyjwt1, oxyjwt.
PyJWT 1.7.1 is imported from bench/.venv/pyjwt1 (put first on sys.path), so it never meets
PyJWT 2 in one interpreter. Every library gets its keys in its fastest documented form:
PyJWT as `cryptography` key objects (PEM text would be re-parsed per call), oxyjwt as its
prepared EncodingKey/DecodingKey and its native functions, ferrojwt as plain secret/PEM text
(what ferrojwt.drf passes; ferrojwt caches the parsed key).
"""

import json
import os
import sys
import threading
import time

LIB, KEYDIR = sys.argv[1], sys.argv[2]
if LIB == "pyjwt1":
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".venv", "pyjwt1"))

ALGS = ["HS256", "RS256", "PS256", "ES256", "EdDSA"]


def read(name):
    with open(os.path.join(KEYDIR, name), "rb") as f:
        return f.read()


SECRET = read("hs256.secret").decode()
PEM = {  # alg -> (private PEM, public PEM)
    "RS256": (read("rsa.pem"), read("rsa.pub.pem")),
    "PS256": (read("rsa.pem"), read("rsa.pub.pem")),
    "ES256": (read("ec.pem"), read("ec.pub.pem")),
    "EdDSA": (read("ed.pem"), read("ed.pub.pem")),
}


def crypto_keys(alg):
    from cryptography.hazmat.primitives.serialization import (
        load_pem_private_key,
        load_pem_public_key,
    )

    priv, pub = PEM[alg]
    return load_pem_private_key(priv, None), load_pem_public_key(pub)


def setup():
    """alg -> (encode(payload) -> token, decode(token) -> dict) or None when unsupported."""
    ops = {}
    if LIB == "ferrojwt":
        import ferrojwt as m

        for alg in ALGS:
            sk, vk = (SECRET, SECRET) if alg == "HS256" else (PEM[alg][0].decode(), PEM[alg][1].decode())
            algs = [alg]
            ops[alg] = (
                lambda p, sk=sk, alg=alg: m.encode(p, sk, alg),
                lambda t, vk=vk, algs=algs: m.decode(t, vk, algorithms=algs),
            )
    elif LIB in ("pyjwt2", "pyjwt1"):
        import jwt as m

        major = int(m.__version__.split(".")[0])
        assert (major == 2) == (LIB == "pyjwt2"), m.__version__
        for alg in ALGS:
            if alg == "EdDSA" and major < 2:
                ops[alg] = None  # PyJWT 1.7.1 has no EdDSA
                continue
            sk, vk = (SECRET, SECRET) if alg == "HS256" else crypto_keys(alg)
            algs = [alg]
            ops[alg] = (
                lambda p, sk=sk, alg=alg: m.encode(p, sk, algorithm=alg),
                lambda t, vk=vk, algs=algs: m.decode(t, vk, algorithms=algs),
            )
    elif LIB == "oxyjwt":
        from oxyjwt import _oxyjwt as m

        kinds = {"RS256": "rsa", "PS256": "rsa", "ES256": "ec", "EdDSA": "ed"}
        for alg in ALGS:
            if alg == "HS256":
                ek, dk = m.EncodingKey.from_secret(SECRET), m.DecodingKey.from_secret(SECRET)
            else:
                k = kinds[alg]
                ek = getattr(m.EncodingKey, f"from_{k}_pem")(PEM[alg][0])
                dk = getattr(m.DecodingKey, f"from_{k}_pem")(PEM[alg][1])
            algs = [alg]
            ops[alg] = (
                lambda p, ek=ek, alg=alg: m.encode(p, ek, alg),
                lambda t, dk=dk, algs=algs: m.decode(t, dk, algs),
            )
    else:
        raise SystemExit(f"unknown library {LIB}")
    return ops


def rss_kib(field="VmRSS"):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def reset_peak():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # resets VmHWM (peak RSS) to the current RSS
    except OSError:
        pass


def main():
    ops = setup()
    version = {
        "ferrojwt": lambda: __import__("ferrojwt").__version__,
        "pyjwt2": lambda: __import__("jwt").__version__,
        "pyjwt1": lambda: __import__("jwt").__version__,
        "oxyjwt": lambda: __import__("oxyjwt").__version__,
    }[LIB]()
    out = sys.stdout
    out.write(json.dumps({"ready": True, "version": version,
                          "supported": [a for a in ALGS if ops.get(a)]}) + "\n")
    out.flush()
    payload = None
    tokens = {}
    peaks = {}
    perf = time.perf_counter
    for line in sys.stdin:
        cmd = json.loads(line)
        kind = cmd["cmd"]
        reply = {}
        if kind == "init":
            payload, tokens = cmd["payload"], cmd["tokens"]
            # Interop sanity check: every library must accept the shared tokens.
            for alg, t in tokens.items():
                if ops.get(alg):
                    assert ops[alg][1](t)["username"] == payload["username"], alg
                    assert ops[alg][1](ops[alg][0](payload))["user_id"] == payload["user_id"], alg
        elif kind == "time":
            alg, op, n = cmd["alg"], cmd["op"], cmd["n"]
            enc, dec = ops[alg]
            reset_peak()
            if op == "encode":
                p = payload
                t0 = perf()
                for _ in range(n):
                    enc(p)
                dt = perf() - t0
            else:
                tok = tokens[alg]
                t0 = perf()
                for _ in range(n):
                    dec(tok)
                dt = perf() - t0
            key = f"{alg} {op}"
            peaks[key] = max(peaks.get(key, 0), rss_kib("VmHWM"))
            reply = {"us": dt / n * 1e6}
        elif kind == "threads":
            # Throughput of RS256 signing with 1 and 2 threads (n tokens per thread).
            def work(enc=ops["RS256"][0], n=cmd["n"], p=payload):
                for _ in range(n):
                    enc(p)

            t0 = perf()
            work()
            one = cmd["n"] / (perf() - t0)
            ths = [threading.Thread(target=work) for _ in range(2)]
            t0 = perf()
            for th in ths:
                th.start()
            for th in ths:
                th.join()
            two = 2 * cmd["n"] / (perf() - t0)
            reply = {"one": one, "two": two}
        elif kind == "leak":
            dec = ops["HS256"][1]
            tok = tokens["HS256"]
            for _ in range(20000):
                dec(tok)
            before = rss_kib()
            t0 = perf()
            for _ in range(cmd["n"]):
                dec(tok)
            reply = {"before_kib": before, "after_kib": rss_kib(), "seconds": perf() - t0}
        elif kind == "peaks":
            reply = {"peaks": peaks, "hwm_kib": rss_kib("VmHWM")}
        elif kind == "quit":
            break
        out.write(json.dumps(reply) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
