"""``worldsystem data fetch`` against a local HTTP server on 127.0.0.1 (never the internet).

The server is a thread of the test (``http.server``). It serves small hand-written
files in the producers' layouts under ``<host>/<path>`` of each catalogue URL, and
the catalogue is pointed at it through the documented mirror mechanism
(``$WORLDSYSTEM_MIRROR`` / ``mirror=``), not by patching internals. Misbehaving
paths (an HTML page, a truncated body, a connection cut once, a server that never
replies, a corrupted archive) are switched on per path.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import http.server
import io
import json
import os
import threading
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from worldsystem.cli import app
from worldsystem.core.errors import SourceError
from worldsystem.sources import catalogue
from worldsystem.sources.base import RemoteFile
from worldsystem.sources.fetch import (
    fetch,
    fetch_files,
    mirror_url,
    recorded_checksums,
    validate,
)

PAYLOAD = b"stateabb,ccode,year\nUSA,2,1816\n"
runner = CliRunner()


class _Server:
    """Files under ``root``; ``modes[path]`` makes a path misbehave."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.modes: dict[str, str] = {}
        self.requests: list[tuple[str, str | None]] = []
        self.release = threading.Event()
        server = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *a, **kw):
                super().__init__(*a, directory=str(root), **kw)

            def log_message(self, *a):
                pass

            def do_GET(self):
                path = self.path.split("?", 1)[0]
                server.requests.append((path, self.headers.get("Range")))
                mode = server.modes.get(path, server.modes.get("*"))
                if mode == "hang":
                    server.release.wait(10)
                    return
                if mode == "html":
                    body = b"<!DOCTYPE html><html><body>Please log in</body></html>"
                    return self._send(200, body, len(body))
                file = Path(self.translate_path(self.path))
                if not file.is_file():
                    return self._send(404, b"not found", 9)
                data = file.read_bytes()
                if mode == "truncate":  # announces more than it sends, every time
                    return self._send(200, data[: len(data) // 2], len(data))
                rng = self.headers.get("Range")
                if rng and mode != "norange":
                    start = int(rng.split("=")[1].split("-")[0])
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
                    self.send_header("Content-Length", str(len(data) - start))
                    self.send_header("ETag", '"v1"')
                    self.end_headers()
                    self.wfile.write(data[start:])
                    return None
                if mode == "cut-once":  # first answer breaks off half way
                    server.modes[path] = "served"
                    return self._send(200, data[: len(data) // 2], len(data))
                return self._send(200, data, len(data))

            def _send(self, code, body, length):
                self.send_response(code)
                self.send_header("Content-Length", str(length))
                self.send_header("ETag", '"v1"')
                self.end_headers()
                self.wfile.write(body)
                self.wfile.flush()
                self.close_connection = True

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def put(self, url: str, data: bytes) -> str:
        """Serve ``data`` at the mirror location of ``url``; return the server path."""
        rel = mirror_url(url, "http://x")[len("http://x/") :]
        from urllib.parse import unquote

        path = self.root / unquote(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return "/" + rel


@pytest.fixture()
def server(tmp_path):
    srv = _Server(tmp_path / "www")
    srv.root.mkdir()
    thread = threading.Thread(target=srv.httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.release.set()
        srv.httpd.shutdown()
        srv.httpd.server_close()


def _sha(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _xlsx(sheets: list[str]) -> bytes:
    """A minimal workbook with ``sheets`` (what openpyxl writes)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = sheets[0] if sheets else "Sheet1"
    for name in sheets[1:]:
        wb.create_sheet(name)
    wb.active["A1"] = "country"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _stored_fixture(rf: RemoteFile) -> bytes:
    """Content of the stored file that satisfies ``rf.expect`` (hand-written, tiny)."""
    kind, _, args = (rf.expect or "any").partition(":")
    cols = [c for c in args.split(",") if c]
    if kind in ("csv", "tsv"):
        sep = "\t" if kind == "tsv" else ","
        header = [*cols, "extra"]
        row = ["1"] * len(header)
        return (sep.join(header) + "\n" + sep.join(row) + "\n").encode()
    if kind == "xlsx":
        return _xlsx(cols)
    if kind == "json":
        return json.dumps({k: {} for k in cols} | {"type": "Topology"}).encode()
    if kind == "zip":
        members = {c.replace("*", "x"): b"x\n" for c in cols}
        return _zip({"2016.csv": b"V1,AUS_A01\nAUS_A01,1\n", **members})
    return b"data\n"


def _serve_catalogue(srv: _Server, files: dict[str, tuple[RemoteFile, ...]]) -> None:
    """Serve every file of ``files`` in the producer's packaging (archives, gzip, cp1252)."""
    archives: dict[str, dict[str, bytes]] = {}
    for entries in files.values():
        for rf in entries:
            stored = _stored_fixture(rf)
            steps = (rf.processor or "").split("|")
            raw = stored
            if "gzip" in steps:  # the producer's file is plain; the store compresses it
                raw = stored
            if steps and steps[0].startswith("recode:"):
                raw = stored.decode("utf-8").replace("extra", "Concón").encode("cp1252")
            if steps and steps[0].startswith("unzip:"):
                spec = steps[0].split(":", 1)[1]
                *outer, last = spec.split("!")
                name = "UcdpPrioConflict_v25_1.csv" if last == "*.csv" else last
                if "/" not in name and not outer:
                    name = "MID 5.0/" + name if name.startswith("MID") else name
                members = archives.setdefault(rf.url, {})
                if outer:
                    members[outer[0]] = _zip({f"NMC-v7-abridged/{name}": raw})
                else:
                    members[name] = raw
                continue
            srv.put(rf.url, raw)
    for url, members in archives.items():
        srv.put(url, _zip(members))


def _unknown_hashes(files):
    return {k: tuple(dataclasses.replace(rf, sha256=None) for rf in v) for k, v in files.items()}


# --------------------------------------------------------------------------- the catalogue
def test_every_catalogue_download_records_where_it_was_found():
    for sid, files in catalogue.DOWNLOADS.items():
        assert files, sid
        for rf in files:
            assert rf.url.startswith(("https://", "http://")), (sid, rf.url)
            assert len(rf.found_in) > 20, (sid, rf.name)
            assert rf.expect, (sid, rf.name)
            assert rf.sha256 is None or len(rf.sha256) == 64
    for rf in catalogue.downloads("exiobase", [2019, 2022]):
        assert rf.found_in and rf.url.startswith("https://zenodo.org/records/15689391/files/")
    # every source either downloads or says where to get its files by hand
    for sid in catalogue.SOURCE_IDS + catalogue.MRIO_SOURCE_IDS:
        assert catalogue.downloads(sid) or catalogue.manual_download(sid), sid


def test_all_catalogue_sources_fetch_from_a_mirror(server, tmp_path):
    """Every download path of the catalogue (zips, nested zips, gzip, cp1252, xlsx, json)."""
    files = _unknown_hashes(catalogue.DOWNLOADS)
    _serve_catalogue(server, files)
    cache = tmp_path / "cache"
    for sid, entries in files.items():
        res = fetch_files(sid, entries, cache=cache, mirror=server.base)
        assert [r.status for r in res] == ["downloaded"] * len(entries), sid
        for rf, r in zip(entries, res, strict=True):
            validate(r.path, rf.expect)
            assert r.path == cache / "data" / sid / rf.name
    assert (
        (cache / "data" / "cow_nmc" / "NMC-70-abridged.csv")
        .read_text()
        .startswith("stateabb,ccode,year")
    )
    assert gzip.decompress((cache / "data" / "atop" / "atop5_1ddyr.csv.gz").read_bytes())
    assert "Concón" in (cache / "data" / "us_troops" / "basedata.csv").read_text("utf-8")
    recs = recorded_checksums(cache)
    assert len(recs) == sum(len(v) for v in files.values())
    assert not (cache / "partial").exists()


def test_readme_example_via_mirror_env(server, tmp_path, monkeypatch):
    files = {s: catalogue.DOWNLOADS[s] for s in ("cow_nmc", "maddison")}
    _serve_catalogue(server, files)
    monkeypatch.setenv("WORLDSYSTEM_MIRROR", server.base)
    cache = tmp_path / "c"
    res = runner.invoke(app, ["data", "fetch", "cow_nmc", "maddison", "--cache", str(cache)])
    assert res.exit_code == 0, res.output
    assert "cow_nmc/NMC-70-abridged.csv: downloaded sha256=" in res.output
    assert "maddison/mpd2023_web.xlsx: downloaded sha256=" in res.output
    again = runner.invoke(app, ["data", "fetch", "cow_nmc", "maddison", "--cache", str(cache)])
    assert again.output.count(": cached sha256=") == 2


def test_readme_example_offline_fails_in_one_line_and_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("WORLDSYSTEM_MIRROR", "http://127.0.0.1:9")  # closed port
    cache = tmp_path / "c"
    res = runner.invoke(app, ["data", "fetch", "cow_nmc", "maddison", "--cache", str(cache)])
    assert res.exit_code != 0
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(lines) == 1, res.output
    assert "download failed" in lines[0] and "refused" in lines[0]
    assert "127.0.0.1:9/correlatesofwar.org/wp-content/uploads/NMCv7.zip" in lines[0]
    assert "Traceback" not in res.output
    assert not cache.exists()  # not even an empty cache folder


def test_mirror_tries_the_next_url(server, tmp_path):
    rf = RemoteFile("a.csv", "https://one.org/a.csv", mirrors=("https://two.org/a.csv",))
    server.put("https://two.org/a.csv", PAYLOAD)
    (res,) = fetch_files("demo", [rf], cache=tmp_path, mirror=server.base)
    assert res.status == "downloaded" and res.url.endswith("/two.org/a.csv")


def test_exiobase_years_and_icio_bundles(server, tmp_path):
    for y in (2019, 2020):
        for rf in catalogue.downloads("exiobase", [y]):
            server.put(rf.url, _zip({f"IOT_{y}_pxp/A.txt": b"region\tsector\n"}))
    cache = tmp_path / "c"
    res = runner.invoke(
        app,
        ["data", "fetch", "exiobase", "--years", "2019-2020", "--cache", str(cache)],
        env={"WORLDSYSTEM_MIRROR": server.base},
    )
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in (cache / "data" / "exiobase").iterdir()) == [
        "IOT_2019_pxp.zip",
        "IOT_2020_pxp.zip",
    ]
    (bundle,) = catalogue.downloads("oecd_icio", [2019])
    assert bundle.name == "ICIO-2016-2020-extended.zip"
    assert len(catalogue.downloads("oecd_icio", range(1995, 2021))) == 5


def test_bad_years_fail_before_any_request(server, tmp_path):
    for args in (
        ["data", "fetch", "cow_nmc", "--years", "2019"],
        ["data", "fetch", "exiobase", "--years", "1990-1994"],
        ["data", "fetch", "oecd_icio", "--years", "2021"],
        ["data", "fetch", "exiobase", "--years", "2022-2019"],
    ):
        res = runner.invoke(
            app, [*args, "--cache", str(tmp_path)], env={"WORLDSYSTEM_MIRROR": server.base}
        )
        assert res.exit_code != 0 and "Traceback" not in res.output, args
    assert server.requests == []


def test_manual_sources_say_where_to_go_and_where_to_put(server, tmp_path):
    res = runner.invoke(app, ["data", "fetch", "sipri_tiv", "--cache", str(tmp_path)])
    assert res.exit_code != 0
    assert "armstrade.sipri.org" in res.output
    assert str(tmp_path / "data" / "sipri_tiv") in res.output.replace("\n", "")
    # the Dataverse bundle is a direct download; when refused, the error says where to go
    with pytest.raises(SourceError, match="HTML page") as info:
        server.modes["*"] = "html"
        fetch(["unvotes"], cache=tmp_path, mirror=server.base)
    assert "dataset.xhtml?persistentId=hdl:1902.1/12379" in str(info.value)
    assert str(tmp_path / "data" / "unvotes") in str(info.value)
    with pytest.raises(SourceError, match=r"worldmrio\.com"):
        fetch(["eora26"], cache=tmp_path)
    assert not (tmp_path / "data").exists()


def test_partly_manual_source_downloads_the_rest(server, tmp_path):
    _serve_catalogue(server, {"cow_states": catalogue.DOWNLOADS["cow_states"]})
    res = fetch(["cow_states"], cache=tmp_path, mirror=server.base)
    assert [(r.name, r.status) for r in res] == [
        ("states2016.csv", "downloaded"),
        ("majors2016.csv", "manual"),
    ]
    assert "correlatesofwar.org" in res[1].url


# --------------------------------------------------------------------------- failures
def test_first_download_records_checksum_then_verifies(server, tmp_path):
    cache = tmp_path / "cache"
    server.put("https://p.org/data.csv", PAYLOAD)
    rf = RemoteFile("data.csv", "https://p.org/data.csv")
    (res,) = fetch_files("demo", [rf], cache=cache, mirror=server.base)
    assert res.status == "downloaded" and res.sha256 == _sha(PAYLOAD)
    assert (cache / "data" / "demo" / "data.csv").read_bytes() == PAYLOAD
    assert recorded_checksums(cache) == {"demo/data.csv": _sha(PAYLOAD)}
    (again,) = fetch_files("demo", [rf], cache=cache, mirror=server.base)
    assert again.status == "cached"
    # the release changes upstream: a forced re-download must fail verification
    server.put("https://p.org/data.csv", PAYLOAD + b"CAN,20,1920\n")
    with pytest.raises(SourceError, match="checksum mismatch"):
        fetch_files("demo", [rf], cache=cache, force=True, mirror=server.base)
    # the previously verified file is untouched and nothing partial is left
    assert (cache / "data" / "demo" / "data.csv").read_bytes() == PAYLOAD
    assert [p.name for p in (cache / "data" / "demo").iterdir()] == ["data.csv"]
    assert not (cache / "partial").exists()


def test_force_downloads_again(server, tmp_path):
    path = server.put("https://p.org/data.csv", PAYLOAD)
    rf = RemoteFile("data.csv", "https://p.org/data.csv")
    fetch_files("demo", [rf], cache=tmp_path, mirror=server.base)
    (cached,) = fetch_files("demo", [rf], cache=tmp_path, mirror=server.base)
    assert cached.status == "cached" and len(server.requests) == 1
    (forced,) = fetch_files("demo", [rf], cache=tmp_path, mirror=server.base, force=True)
    assert forced.status == "verified" and [p for p, _ in server.requests] == [path, path]
    # a damaged local copy is not "cached": it is replaced by a verified download
    (tmp_path / "data" / "demo" / "data.csv").write_bytes(b"stateabb,ccode,year\nXXX\n")
    (fixed,) = fetch_files("demo", [rf], cache=tmp_path, mirror=server.base)
    assert fixed.status == "verified"
    assert (tmp_path / "data" / "demo" / "data.csv").read_bytes() == PAYLOAD


def test_html_page_is_refused_and_not_recorded(server, tmp_path):
    rf = catalogue.DOWNLOADS["maddison"][0]
    path = server.put(rf.url, _xlsx(["Full data"]))
    server.modes[path] = "html"
    one = dataclasses.replace(rf, mirrors=())
    with pytest.raises(SourceError, match="HTML page instead of an Excel workbook") as info:
        fetch_files("maddison", [one], cache=tmp_path, mirror=server.base)
    assert "dataverse.nl/api/access/datafile/421302" in str(info.value)
    assert recorded_checksums(tmp_path) == {}
    assert not (tmp_path / "data").exists() and not (tmp_path / "partial").exists()
    # once the server sends the workbook, the first real download is recorded
    del server.modes[path]
    (res,) = fetch_files("maddison", [one], cache=tmp_path, mirror=server.base)
    assert res.status == "downloaded"


def test_corrupted_archive_is_refused(server, tmp_path):
    good = _zip({"COW_Trade_4.0/National_COW_4.0.csv": b"ccode,year,imports,exports\n2,1900,1,1\n"})
    bad = bytearray(good)
    bad[40] ^= 0xFF  # inside the compressed member data: the CRC check fails
    rf = catalogue.DOWNLOADS["cow_trade"][1]
    server.put(rf.url, bytes(bad))
    with pytest.raises(SourceError, match=r"zip|corrupted|CRC") as info:
        fetch_files("cow_trade", [rf], cache=tmp_path, mirror=server.base)
    assert "COW_Trade_4.0.zip" in str(info.value)
    assert not (tmp_path / "data").exists() and not (tmp_path / "partial").exists()
    # an archive kept as is (EXIOBASE) is checked member by member as well
    exio = catalogue.downloads("exiobase", [2019])[0]
    server.put(exio.url, bytes(bad))
    with pytest.raises(SourceError, match=r"corrupted|zip"):
        fetch_files("exiobase", [exio], cache=tmp_path, mirror=server.base)
    assert not (tmp_path / "data").exists()


def test_wrong_header_and_empty_file_are_refused(server, tmp_path):
    rf = catalogue.DOWNLOADS["cow_war"][0]
    server.put(rf.url, b"foo,bar\n1,2\n")
    with pytest.raises(SourceError, match="expected header"):
        fetch_files("cow_war", [rf], cache=tmp_path, mirror=server.base)
    server.put(rf.url, b"")
    with pytest.raises(SourceError, match="empty"):
        fetch_files("cow_war", [rf], cache=tmp_path, mirror=server.base)
    assert not (tmp_path / "data").exists()


def test_truncated_download_fails_naming_the_url(server, tmp_path):
    path = server.put("https://p.org/data.csv", PAYLOAD)
    server.modes[path] = "truncate"
    rf = RemoteFile("data.csv", "https://p.org/data.csv")
    with pytest.raises(SourceError, match=r"stopped after \d+ of \d+ bytes") as info:
        fetch_files("demo", [rf], cache=tmp_path, mirror=server.base)
    assert "p.org/data.csv" in str(info.value)
    assert not (tmp_path / "data").exists()
    assert recorded_checksums(tmp_path) == {}


def test_interrupted_download_resumes_with_range(server, tmp_path):
    body = PAYLOAD * 500
    path = server.put("https://p.org/big.csv", body)
    server.modes[path] = "cut-once"
    rf = RemoteFile("big.csv", "https://p.org/big.csv")
    with pytest.raises(SourceError, match="run the command again"):
        fetch_files("demo", [rf], cache=tmp_path, mirror=server.base)
    parts = list((tmp_path / "partial" / "demo").glob("*.part"))
    assert len(parts) == 1 and parts[0].stat().st_size == len(body) // 2
    assert not (tmp_path / "data").exists()  # the part is not in the data folder
    (res,) = fetch_files("demo", [rf], cache=tmp_path, mirror=server.base)
    assert res.status == "downloaded" and res.sha256 == _sha(body)
    assert server.requests[-1] == (path, f"bytes={len(body) // 2}-")
    assert not (tmp_path / "partial").exists()


def test_resume_restarts_when_the_server_ignores_range(server, tmp_path):
    body = PAYLOAD * 100
    path = server.put("https://p.org/big.csv", body)
    server.modes[path] = "cut-once"
    rf = RemoteFile("big.csv", "https://p.org/big.csv")
    with pytest.raises(SourceError):
        fetch_files("demo", [rf], cache=tmp_path, mirror=server.base)
    server.modes[path] = "norange"
    (res,) = fetch_files("demo", [rf], cache=tmp_path, mirror=server.base)
    assert res.sha256 == _sha(body)
    assert (tmp_path / "data" / "demo" / "big.csv").read_bytes() == body


def test_silent_server_times_out_naming_the_address(server, tmp_path):
    path = server.put("https://p.org/data.csv", PAYLOAD)
    server.modes[path] = "hang"
    rf = RemoteFile("data.csv", "https://p.org/data.csv")
    t0 = time.monotonic()
    with pytest.raises(SourceError, match="timeout") as info:
        fetch_files("demo", [rf], cache=tmp_path, mirror=server.base, timeout=0.5)
    assert time.monotonic() - t0 < 5
    assert f"{server.base}/p.org/data.csv" in str(info.value)
    assert not (tmp_path / "data").exists() and not (tmp_path / "partial").exists()


def test_timeout_env_is_checked(tmp_path, monkeypatch):
    monkeypatch.setenv("WORLDSYSTEM_FETCH_TIMEOUT", "soon")
    with pytest.raises(SourceError, match="positive number"):
        fetch_files("demo", [RemoteFile("a.csv", "http://127.0.0.1:9/a.csv")], cache=tmp_path)


def test_http_error_and_offline_are_clear(server, tmp_path):
    rf = RemoteFile("m.csv", "https://p.org/missing.csv")
    with pytest.raises(SourceError, match="HTTP 404") as info:
        fetch_files("demo", [rf], cache=tmp_path, mirror=server.base)
    assert "missing.csv" in str(info.value)
    with pytest.raises(SourceError, match="refused"):
        fetch_files("demo", [RemoteFile("m.csv", "http://127.0.0.1:9/x.csv")], cache=tmp_path)
    assert not (tmp_path / "data").exists()


def test_stale_temporary_files_of_a_killed_run_are_removed(server, tmp_path):
    folder = tmp_path / "data" / "demo"
    folder.mkdir(parents=True)
    (folder / ".data.csv.k1x2.tmp").write_bytes(b"half")
    (tmp_path / "data" / ".fetch-abc").mkdir()
    (tmp_path / "data" / ".checksums.json.zz.tmp").write_text("{")
    server.put("https://p.org/data.csv", PAYLOAD)
    fetch_files(
        "demo",
        [RemoteFile("data.csv", "https://p.org/data.csv")],
        cache=tmp_path,
        mirror=server.base,
    )
    assert sorted(p.name for p in folder.iterdir()) == ["data.csv"]
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["checksums.json", "demo"]


def test_processors_and_bad_member(server, tmp_path):
    server.put("https://p.org/d.csv.gz", gzip.compress(PAYLOAD, mtime=0))
    server.put("https://p.org/r.zip", _zip({"inner/data.csv": PAYLOAD}))
    server.put("https://p.org/d.csv", PAYLOAD)
    files = [
        RemoteFile("a.csv", "https://p.org/d.csv.gz", sha256=_sha(PAYLOAD), processor="gunzip"),
        RemoteFile("b.csv", "https://p.org/r.zip", processor="unzip:inner/data.csv"),
        RemoteFile("c.csv.gz", "https://p.org/d.csv", processor="gzip"),
        RemoteFile("d.csv", "https://p.org/r.zip", processor="unzip:data.csv"),
    ]
    res = fetch_files("demo", files, cache=tmp_path, mirror=server.base)
    assert [r.status for r in res] == ["verified", "downloaded", "downloaded", "downloaded"]
    folder = tmp_path / "data" / "demo"
    assert (folder / "a.csv").read_bytes() == PAYLOAD == (folder / "b.csv").read_bytes()
    assert gzip.decompress((folder / "c.csv.gz").read_bytes()) == PAYLOAD
    bad = RemoteFile("z.csv", "https://p.org/r.zip", processor="unzip:nope.csv")
    with pytest.raises(SourceError, match=r"nope\.csv"):
        fetch_files("demo", [bad], cache=tmp_path, mirror=server.base)


def test_fetch_unknown_source_is_clear(tmp_path):
    with pytest.raises(SourceError, match="unknown source"):
        fetch(["no_such_source"], cache=tmp_path)


def test_corrupted_checksum_record(tmp_path):
    rec = Path(tmp_path) / "data" / "checksums.json"
    rec.parent.mkdir(parents=True)
    rec.write_text("{not json")
    with pytest.raises(SourceError, match="corrupted"):
        recorded_checksums(tmp_path)
    rec.write_text('{"a/b": "not-a-hash"}')
    with pytest.raises(SourceError, match="corrupted"):
        recorded_checksums(tmp_path)


def test_cache_that_is_a_file_is_clear(tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(SourceError, match="not a folder"):
        fetch_files("demo", [RemoteFile("a.csv", "http://127.0.0.1:9/a.csv")], cache=f)


def test_validate_kinds(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("a,b\n1,2\n")
    validate(p, "csv:a,B")
    with pytest.raises(SourceError, match="expected header"):
        validate(p, "csv:c")
    p.write_text("a,b\n")
    with pytest.raises(SourceError, match="no rows"):
        validate(p, "csv:a")
    x = tmp_path / "w.xlsx"
    x.write_bytes(_xlsx(["Data", "Legend"]))
    validate(x, "xlsx:Data")
    with pytest.raises(SourceError, match="lacks the expected sheets"):
        validate(x, "xlsx:Full data")
    z = tmp_path / "plain.zip"
    z.write_bytes(_zip({"a.txt": b"x"}))
    with pytest.raises(SourceError, match="not an Excel workbook"):
        validate(z, "xlsx")
    j = tmp_path / "m.json"
    j.write_text('{"objects": {}}')
    with pytest.raises(SourceError, match="keys"):
        validate(j, "json:objects,arcs")


# --------------------------------------------------------------------------- real data
def test_known_checksums_match_the_producers_files(real_data, server, tmp_path):
    """The catalogue's known SHA-256 values are those of the producers' files."""
    checked = 0
    for sid, files in catalogue.DOWNLOADS.items():
        for rf in files:
            local = real_data / sid / rf.name
            if rf.sha256 is None or not local.is_file() or rf.processor:
                continue
            server.put(rf.url, local.read_bytes())
            (res,) = fetch_files(sid, [rf], cache=tmp_path, mirror=server.base)
            assert res.status == "verified", (sid, rf.name)
            checked += 1
    assert checked >= 5  # maps (2), SIPRI milex, troopdata (2)
    assert os.listdir(tmp_path / "data")


def test_fetched_producer_files_load_like_the_data_folder(real_data, server, tmp_path):
    """Files fetched from the producers' URLs are read by the loaders as the shared copies."""
    import pandas as pd

    for sid in ("us_troops", "sipri_milex"):
        for rf in catalogue.DOWNLOADS[sid]:
            raw = (real_data / sid / rf.name).read_bytes()
            if rf.processor == "recode:cp1252":
                raw = raw.decode("utf-8").encode("cp1252")
            server.put(rf.url, raw)
        res = fetch([sid], cache=tmp_path, mirror=server.base)
        assert {r.status for r in res} == {"verified"}, sid
        fetched = catalogue.load(sid, tmp_path / "data")
        shipped = catalogue.load(sid, real_data)
        pd.testing.assert_frame_equal(fetched, shipped)


def test_data_info_lists_downloads_and_manual_steps():
    res = runner.invoke(app, ["data", "info", "cow_states"])
    assert res.exit_code == 0, res.output
    assert "download states2016.csv <- https://correlatesofwar.org/" in res.output
    assert "by hand: majors2016.csv" in res.output


def test_cli_notes_a_source_its_loader_cannot_read_yet(server, tmp_path):
    files = {"cow_war": catalogue.DOWNLOADS["cow_war"]}
    _serve_catalogue(server, files)
    res = runner.invoke(
        app,
        ["data", "fetch", "cow_war", "--cache", str(tmp_path)],
        env={"WORLDSYSTEM_MIRROR": server.base},
    )
    assert res.exit_code == 0, res.output
    missing = catalogue.info("cow_war").missing_files(tmp_path / "data")
    # while the loader reads a derived layout, the user is told so (and only then)
    assert ("note: cow_war" in res.output) == bool(missing)
    assert all(name in res.output for name in missing)


def test_concurrent_fetch_is_refused_clearly(server, tmp_path):
    import fcntl

    server.put("https://p.org/data.csv", PAYLOAD)
    rf = RemoteFile("data.csv", "https://p.org/data.csv")
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # another run holds the cache
        with pytest.raises(SourceError, match="another `worldsystem data fetch` is running"):
            fetch_files("demo", [rf], cache=tmp_path, mirror=server.base)
    finally:
        os.close(fd)
    (res,) = fetch_files("demo", [rf], cache=tmp_path, mirror=server.base)
    assert res.status == "downloaded"


def test_progress_bar_path(server, tmp_path):
    from worldsystem.core import progress

    body = PAYLOAD * 3000
    server.put("https://p.org/big.csv", body)
    rf = RemoteFile("big.csv", "https://p.org/big.csv")
    rec = progress.Recorder()
    with progress.use(rec):
        (res,) = fetch_files("demo", [rf], cache=tmp_path, mirror=server.base, progress=True)
    assert res.sha256 == _sha(body)
    # one stage in bytes for the download, ending at the file's size
    ups = [e for e in rec.events if e.kind == "update"]
    assert rec.stages() == ["demo/big.csv"]
    assert ups[-1].done == ups[-1].total == len(body)
    quiet = progress.Recorder()
    with progress.use(quiet):
        fetch_files("demo", [rf], cache=tmp_path, mirror=server.base, force=True)
    assert quiet.events == []  # progress=False: silent even under a reporter


NMC_OFFICIAL = (
    "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc,version\n"
    "USA,2,1816,3823,17,80,254,8659,101,0.039,2021\n"
    "UKG,200,1816,16942,255,325,16394,19520,1498,0.337,2021\n"
)


def test_readme_example_end_to_end_loads_the_fetched_official_files(server, tmp_path):
    """``data fetch cow_nmc maddison`` from the producers' packaging, then the loaders."""
    from openpyxl import Workbook

    from worldsystem.sources import cow_nmc, maddison

    nmc = catalogue.DOWNLOADS["cow_nmc"][0]
    inner = _zip({"NMC-70-abridged.csv": NMC_OFFICIAL.encode()})
    server.put(nmc.url, _zip({"NMCv7/NMC-v7-abridged.zip": inner, "NMCv7/Codebook.pdf": b"%P"}))
    wb = Workbook()
    wb.active.title = "Intro"
    wb.active.append(["Maddison Project Database 2023"])
    full = wb.create_sheet("Full data")
    full.append(["countrycode", "country", "region", "year", "gdppc", "pop"])
    full.append(["USA", "United States", "Western Offshoots", 2000, 40000.0, 280000.0])
    full.append(["NAM", "Namibia", "Sub Saharan Africa", 2000, 1000.0, 2000.0])
    buf = io.BytesIO()
    wb.save(buf)
    server.put(catalogue.DOWNLOADS["maddison"][0].url, buf.getvalue())
    cache = tmp_path / "c"
    res = runner.invoke(
        app,
        ["data", "fetch", "cow_nmc", "maddison", "--cache", str(cache)],
        env={"WORLDSYSTEM_MIRROR": server.base},
    )
    assert res.exit_code == 0, res.output
    assert "note:" not in res.output  # both loaders read what was fetched
    data = cache / "data"
    nmc_df = cow_nmc.load(data)
    assert sorted(nmc_df["ccode"].tolist()) == [2, 200]
    assert float(nmc_df.loc[nmc_df["ccode"] == 200, "milex"].iloc[0]) == 16942.0
    mpd = maddison.load(data)
    assert set(mpd["iso3"]) == {"USA", "NAM"}
    assert float(mpd.loc[mpd["iso3"] == "USA", "gdppc_2011ppp"].iloc[0]) == 40000.0
