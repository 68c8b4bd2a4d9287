"""Hostile input, as an attacker would send it (issue 18). Its own generator (seeded), not the tests' fixtures.

Builds: every hostile file is built in its own process (a real `build_pack`, address space capped at
3 GB so a regression cannot take the shared machine down), with one good record beside the hostile ones;
peak memory from wait4. Server: `rxscoop serve` in its own process, then oversized, chunked, slow and
malformed requests, hostile Markdown, and many unique long questions; peak memory from /proc (VmHWM).
Prints inputs tried, records skipped, peak memories, requests refused by each limit, tracebacks, OOM kills.

    .venv/bin/python bench/hostile.py [--pack PACK] [--questions 3000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx

from load import wait_healthy

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
GOOD = {"set_id": "good-1", "indications_and_usage": ["GOODRX is indicated for the treatment of headache."],
        "openfda": {"brand_name": ["Goodrx"], "generic_name": ["goodamine"]}}
MARKUP = ("GOODRX is indicated for &lt;style&gt;body{background:url(javascript:alert(1))}&lt;/style&gt; asthma "
          "<img src=x onerror=alert(1)> ](javascript:alert(2)) <iframe src=//x></iframe> and hives.")
AS_LIMIT = 3 * 1024**3


# ---------------------------------------------------------------- generator
def deep(n: int) -> bytes:
    return b'{"set_id": "deep", "x": ' + b"[" * n + b"]" * n + b"}"


def wrong_types(rng: random.Random, n: int) -> list[bytes]:
    """Records with a wrong type where text belongs, chosen at random per record."""
    bad_values = [5, 7.5, True, None, [1, 2], {"a": 1}, [[["x"]]], [{"text": "x"}], "NaN", "-Infinity"]
    fields = ["set_id", "indications_and_usage", "brand_name", "openfda.brand_name", "openfda.route", "id",
              "effective_time", "snapshot.source_commit", "snapshot.brand_name", "snapshot.sections.x"]
    out = []
    for i in range(n):
        field, value = rng.choice(fields), rng.choice(bad_values)
        literal = value if value in ("NaN", "-Infinity") else json.dumps(value)
        if field.startswith("snapshot."):
            key = field.removeprefix("snapshot.")
            record = {"brand_name": f"Snap{i}", "sections": {"indications_and_usage": "x"}, "source_commit": "abc"}
            if key.startswith("sections."):
                text = json.dumps(record).replace('"x"}', f'"x", "x2": {literal}}}', 1)
            else:
                record[key] = "@@"
                text = json.dumps(record).replace('"@@"', literal)
        else:
            record = {"set_id": f"t{i}", "indications_and_usage": ["x"], "openfda": {"brand_name": ["B"]}}
            if field.startswith("openfda."):
                record["openfda"][field.split(".")[1]] = "@@"  # type: ignore[index]
            else:
                record[field] = "@@"
            text = json.dumps(record).replace('"@@"', literal)
        if literal == "null":
            text = text.replace("null", "5")  # null is allowed (absent); make it a wrong type
        out.append(text.encode())
    return out


def json_file(path: Path, records: list[bytes]) -> Path:
    path.write_bytes(b'{"meta": {}, "results": [' + b", ".join([*records, json.dumps(GOOD).encode()]) + b"]}")
    return path


def jsonl_file(path: Path, records: list[bytes]) -> Path:
    path.write_bytes(b"\n".join([*records, json.dumps(GOOD).encode()]) + b"\n")
    return path


def zip_bomb(path: Path, gib: float = 1.0) -> Path:
    """One member holding a `gib` GiB string (about 1 MB compressed), then a good member."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open("bomb.json", "w", force_zip64=True) as fh:
            fh.write(b'{"results": [{"set_id": "bomb", "indications_and_usage": "')
            block = b"x" * (1 << 24)
            for _ in range(int(gib * 64)):
                fh.write(block)
            fh.write(b'"}]}')
        z.writestr("good.json", json.dumps({"results": [GOOD]}))
    return path


def long_string(path: Path, mb: int) -> Path:
    return json_file(path, [b'{"set_id": "long", "indications_and_usage": "' + b"word " * (mb * 1024 * 1024 // 5)
                            + b'"}'])


def cases(folder: Path, rng: random.Random) -> list[tuple[str, list[Path]]]:
    out = [
        ("nested 200,000 deep, .json (400 kB)", [json_file(folder / "deep.json", [deep(200_000)])]),
        ("nested 200,000 deep, .jsonl", [jsonl_file(folder / "deep.jsonl", [deep(200_000)])]),
        ("nested 20,000 deep ×20, .json", [json_file(folder / "deep20k.json", [deep(20_000)] * 20)]),
        ("wrong types ×400 (numbers, lists, objects, NaN), .json",
         [json_file(folder / "types.json", wrong_types(rng, 400))]),
        ("wrong types ×400, .jsonl", [jsonl_file(folder / "types.jsonl", wrong_types(rng, 400))]),
        ("NaN set_id, .json and .jsonl", [json_file(folder / "nan.json", [b'{"set_id": NaN}']),
                                          jsonl_file(folder / "nan.jsonl", [b'{"set_id": NaN}'])]),
        ("zip bomb: a 1 GiB string in ~1 MB", [zip_bomb(folder / "bomb.json.zip")]),
        ("a 50 MB string, .json", [long_string(folder / "long50.json", 50)]),
        ("a 100 MB string, .json", [long_string(folder / "long100.json", 100)]),
        ("a 100 MB line, .jsonl", [jsonl_file(folder / "line100.jsonl",
                                              [b'{"set_id": "l", "x": "' + b"y" * (100 * 1024 * 1024) + b'"}'])]),
        ("markup in label text (style, url(, &lt, img, iframe)",
         [jsonl_file(folder / "markup.jsonl", [json.dumps(dict(GOOD, set_id="markup", indications_and_usage=[MARKUP],
                                                                openfda={"brand_name": ["Markuprx"]})).encode()])]),
    ]
    return out


# ---------------------------------------------------------------- builds
def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (AS_LIMIT, AS_LIMIT))


BUILD = """
import json, sys
from pathlib import Path
from rxscoop import build_pack
r = build_pack([Path(p) for p in sys.argv[2:]], Path(sys.argv[1]))
print(json.dumps({"labels": r.labels, "skipped": r.skipped, "problems": r.problems[:3]}))
"""


def run_build(files: list[Path], pack: Path) -> dict[str, object]:
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", BUILD, str(pack), *map(str, files)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, preexec_fn=_cap)
    _, status, usage = os.wait4(proc.pid, 0)
    out, err = proc.stdout.read().decode(), proc.stderr.read().decode()  # type: ignore[union-attr]
    proc.returncode = os.waitstatus_to_exitcode(status)
    result: dict[str, object] = json.loads(out) if out.strip() else {}
    result.update(seconds=time.perf_counter() - started, peak_mb=usage.ru_maxrss / 1024,
                  traceback="Traceback" in err, oom=proc.returncode == -signal.SIGKILL or "MemoryError" in err,
                  error=err.strip().splitlines()[-1] if proc.returncode and err.strip() else "")
    return result


def race(folder: Path, rounds: int) -> Counter[str]:
    """Two builds at once to one pack: each either builds or stops with the clear lock message."""
    source = jsonl_file(folder / "race.jsonl", [])
    outcome: Counter[str] = Counter()
    for _ in range(rounds):
        procs = [subprocess.Popen([sys.executable, "-m", "rxscoop.cli", "build", str(source), "--pack",
                                   str(folder / "race.sqlite")], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for _ in range(2)]
        for p in procs:
            out, err = p.communicate()
            text = (out + err).decode()
            outcome["traceback" if "Traceback" in text else "built" if p.returncode == 0 else
                    "refused: another build" if "another build" in text else "other error"] += 1
    sums = [line.split()[0] for line in (folder / "race.sqlite.sha256").read_text().splitlines()]
    from rxscoop.pack import file_sha256

    outcome["checksum matches" if sums == [file_sha256(folder / "race.sqlite")] else "checksum WRONG"] += 1
    return outcome


# ---------------------------------------------------------------- server
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def raw(port: int, data: bytes, wait: float = 20.0, chunk_every: int = 0) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as s:
        try:
            if chunk_every:
                for i in range(0, len(data), chunk_every):
                    s.sendall(data[i:i + chunk_every])
            else:
                s.sendall(data)
        except OSError:
            pass
        try:
            return s.recv(4096)
        except OSError:
            return b""


def status_of(reply: bytes) -> str:
    return reply.split(b" ", 2)[1].decode() if reply.startswith(b"HTTP/") else "closed"


def vm_hwm(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def server_cases(pack: Path, questions: int, rng: random.Random) -> dict[str, object]:
    port = free_port()
    env = dict(os.environ, RXSCOOP_PACK=str(pack))
    proc = subprocess.Popen([sys.executable, "-m", "rxscoop.cli", "serve", "--port", str(port), "--rate", "0"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=_cap)
    base = f"http://127.0.0.1:{port}"
    wait_healthy(base)
    worker = proc.pid
    refused: Counter[str] = Counter()
    tried: Counter[str] = Counter()
    shape_ok = headers_ok = 0
    start_mb = vm_hwm(worker)
    with httpx.Client(timeout=30) as client:
        def chunked(total: int) -> Iterator[bytes]:
            block = b"x" * 65536
            for _ in range(total // len(block)):
                yield block

        for _ in range(10):  # 300 MB chunked POSTs: refused after 16 kB, never read whole
            tried["300 MB chunked POST /v1/chat"] += 1
            try:
                r = client.post(f"{base}/v1/chat", content=chunked(300 * 1024 * 1024))
                refused[f"body bytes ({r.status_code})"] += r.status_code == 413
            except httpx.HTTPError:
                refused["body bytes (connection closed)"] += 1
        for _ in range(10):
            tried["Content-Length 300 MB"] += 1
            reply = raw(port, b"POST /v1/chat HTTP/1.1\r\nHost: x\r\nContent-Length: 314572800\r\n\r\n" + b"x" * 1000)
            refused[f"body bytes ({status_of(reply)})"] += 1
        for _ in range(5):  # a 200 MB header, streamed in 64 kB pieces until the server closes
            tried["200 MB header on GET /healthz"] += 1
            reply = raw(port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (200 * 1024 * 1024),
                        chunk_every=65536)
            refused[f"header bytes ({status_of(reply)})"] += 1
            headers_ok += b"x-frame-options" in reply
        for _ in range(10):
            tried["40 kB header, complete"] += 1
            r = client.get(f"{base}/healthz", headers={"x-big": "a" * 40_000})
            refused[f"header bytes ({r.status_code})"] += r.status_code == 431
        for _ in range(10):
            tried["200 headers"] += 1
            r = client.get(f"{base}/healthz", headers={f"x-h{i}": "1" for i in range(200)})
            refused[f"header count ({r.status_code})"] += r.status_code == 431
        # slow clients: headers that never finish, bodies that never come
        socks = []
        for _ in range(300):
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            socks.append(("header seconds", s))
        for _ in range(20):
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"POST /v1/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 1000\r\n\r\n{\"message\": ")
            socks.append(("body seconds", s))
        tried["slow headers (300 sockets held)"] += 300
        tried["slow body (20 sockets)"] += 20
        time.sleep(12)
        for bound, s in socks:
            s.settimeout(5)
            try:
                reply = s.recv(4096)
            except OSError:
                reply = b""
            refused[f"{bound} ({status_of(reply)})"] += 1
            s.close()
        for method, path in (("GET", "/nope"), ("DELETE", "/healthz"), ("PUT", "/v1/answer"), ("HEAD", "/"),
                             ("GET", "/v1/answer?q=" + "x" * 5000), ("POST", "/v1/chat")):
            tried["404 / 405 / HEAD / 413 / 422 shape"] += 1
            r = client.request(method, f"{base}{path}")
            headers_ok += r.headers.get("x-frame-options") == "DENY"
            if method == "HEAD":
                shape_ok += r.status_code == 200
            else:
                shape_ok += set(r.json()) >= {"error", "status"} and "detail" not in r.json()
        # many unique long questions: the caches stay within their bounds in bytes
        for i in range(questions):
            tried["unique 1,000-character questions"] += 1
            q = f"what is metformin used for {i} " + " ".join(rng.choice(["and", "for", "kids", "dose", "pain"])
                                                              for _ in range(190))
            client.get(f"{base}/v1/answer", params={"q": q[:1000]})
        tried["hostile markdown answer"] += 1
        md = client.get(f"{base}/v1/answer", params={"q": "what is markuprx used for", "format": "markdown"}).text
    peak_mb = vm_hwm(worker)
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
    return {"tried": tried, "refused": refused, "start_mb": start_mb, "peak_mb": peak_mb,
            "tracebacks": err.decode().count("Traceback"), "shape_ok": shape_ok, "headers_ok": headers_ok,
            "markdown": md, "oom": proc.returncode == -signal.SIGKILL}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pack", type=Path, default=None, help="pack for the server (default: build one)")
    parser.add_argument("--questions", type=int, default=3000)
    parser.add_argument("--races", type=int, default=10)
    args = parser.parse_args()
    rng = random.Random(18)
    with tempfile.TemporaryDirectory(prefix="rxscoop-hostile-") as tmp:
        folder = Path(tmp)
        print("## builds (one process each, address space capped at 3 GB)\n")
        print("| case | records skipped | labels | peak MB | seconds | traceback | OOM | first problem |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        tracebacks = ooms = 0
        peak = 0.0
        for name, files in cases(folder, rng):
            r = run_build(files, folder / "p.sqlite")
            tracebacks += bool(r["traceback"])
            ooms += bool(r["oom"])
            peak = max(peak, float(r["peak_mb"]))  # type: ignore[arg-type]
            first = (r.get("problems") or [r.get("error", "")])[0]  # type: ignore[index]
            print(f"| {name} | {r.get('skipped', '-')} | {r.get('labels', '-')} | {r['peak_mb']:.0f} | "
                  f"{r['seconds']:.1f} | {int(bool(r['traceback']))} | {int(bool(r['oom']))} | "
                  f"{str(first)[:90]} |")
        outcome = race(folder, args.races)
        print(f"\ntwo builds at once to one pack, {args.races} rounds: {dict(outcome)}")
        tracebacks += outcome["traceback"]
        print(f"\nbuild peak (all cases) {peak:.0f} MB; tracebacks {tracebacks}; OOM {ooms}")

        pack = args.pack
        if pack is None:
            pack = folder / "server.sqlite"
            print("\nbuilding the server's pack from ../shared/data plus the markup label …")
            run_build([SHARED, folder / "markup.jsonl"], pack)
        print("\n## server (one worker, rate limit off)\n")
        s = server_cases(pack, args.questions, rng)
        for case, n in s["tried"].items():  # type: ignore[attr-defined]
            print(f"- tried: {case}: {n}")
        for bound, n in sorted(s["refused"].items()):  # type: ignore[attr-defined]
            print(f"- refused by {bound}: {n}")
        md = str(s["markdown"])
        live = [x for x in ("<img", "<iframe", "<style", "](javascript") if x in md]
        print(f"- error shape {{error, status}} on 404/405/413/422 and HEAD / 200: {s['shape_ok']}/6; "
              f"security headers on refusals checked: {s['headers_ok']}")
        print(f"- hostile markdown: live markup left: {live or 'none'}")
        print(f"- server memory: {s['start_mb']:.0f} MB at start, peak {s['peak_mb']:.0f} MB; "
              f"tracebacks {s['tracebacks']}; OOM {int(bool(s['oom']))}")


if __name__ == "__main__":
    main()
