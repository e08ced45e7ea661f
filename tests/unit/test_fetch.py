"""``worldsystem data fetch`` against a local HTTP server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import gzip
import hashlib
import http.server
import io
import threading
import zipfile
from pathlib import Path

import pytest

from worldsystem.core.errors import SourceError
from worldsystem.sources.base import RemoteFile
from worldsystem.sources.fetch import fetch, fetch_files, recorded_checksums

PAYLOAD = b"stateabb,ccode,year\nUSA,2,1816\n"


@pytest.fixture()
def server(tmp_path):
    """Serve ``tmp_path/www`` on 127.0.0.1 at a free port; yields the base URL."""
    root = tmp_path / "www"
    root.mkdir()
    (root / "data.csv").write_bytes(PAYLOAD)
    (root / "data.csv.gz").write_bytes(gzip.compress(PAYLOAD, mtime=0))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("inner/data.csv", PAYLOAD)
    (root / "release.zip").write_bytes(buf.getvalue())

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=str(root), **kw)

        def log_message(self, *a):  # keep test output quiet
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", root
    finally:
        httpd.shutdown()
        httpd.server_close()


def _sha(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


def test_first_download_records_checksum_then_verifies(server, tmp_path):
    base, root = server
    cache = tmp_path / "cache"
    rf = RemoteFile("data.csv", f"{base}/data.csv")
    (res,) = fetch_files("demo", [rf], cache=cache)
    assert res.status == "downloaded" and res.sha256 == _sha(PAYLOAD)
    assert (cache / "data" / "demo" / "data.csv").read_bytes() == PAYLOAD
    assert recorded_checksums(cache) == {"demo/data.csv": _sha(PAYLOAD)}
    (again,) = fetch_files("demo", [rf], cache=cache)
    assert again.status == "cached"
    # the release changes upstream: a forced re-download must fail verification
    (root / "data.csv").write_bytes(PAYLOAD + b"CAN,20,1920\n")
    with pytest.raises(SourceError, match="checksum mismatch"):
        fetch_files("demo", [rf], cache=cache, force=True)
    # the previously verified file is untouched and nothing partial is left
    assert (cache / "data" / "demo" / "data.csv").read_bytes() == PAYLOAD
    leftovers = [p.name for p in (cache / "data" / "demo").iterdir()]
    assert leftovers == ["data.csv"]


def test_known_checksum_and_processors(server, tmp_path):
    base, _root = server
    cache = tmp_path / "cache"
    files = [
        RemoteFile("a.csv", f"{base}/data.csv.gz", sha256=_sha(PAYLOAD), processor="gunzip"),
        RemoteFile("b.csv", f"{base}/release.zip", processor="unzip:inner/data.csv"),
        RemoteFile("c.csv.gz", f"{base}/data.csv", processor="gzip"),
    ]
    res = fetch_files("demo", files, cache=cache)
    assert [r.status for r in res] == ["verified", "downloaded", "downloaded"]
    folder = cache / "data" / "demo"
    assert (folder / "a.csv").read_bytes() == PAYLOAD
    assert (folder / "b.csv").read_bytes() == PAYLOAD
    assert gzip.decompress((folder / "c.csv.gz").read_bytes()) == PAYLOAD


def test_wrong_known_checksum_fails_and_leaves_nothing(server, tmp_path):
    base, _root = server
    cache = tmp_path / "cache"
    rf = RemoteFile("x.csv", f"{base}/data.csv", sha256="0" * 64)
    with pytest.raises(SourceError) as info:
        fetch_files("demo", [rf], cache=cache)
    assert f"{base}/data.csv" in str(info.value)
    assert not (cache / "data" / "demo" / "x.csv").exists()


def test_http_error_and_offline_are_clear(server, tmp_path):
    base, _root = server
    with pytest.raises(SourceError, match="download failed") as info:
        fetch_files("demo", [RemoteFile("m.csv", f"{base}/missing.csv")], cache=tmp_path / "c")
    assert "missing.csv" in str(info.value)
    # a closed port on loopback stands in for "offline"
    with pytest.raises(SourceError, match="download failed"):
        fetch_files(
            "demo", [RemoteFile("m.csv", "http://127.0.0.1:9/none.csv")], cache=tmp_path / "c"
        )


def test_bad_archive_member(server, tmp_path):
    base, _root = server
    rf = RemoteFile("z.csv", f"{base}/release.zip", processor="unzip:nope.csv")
    with pytest.raises(SourceError, match=r"nope\.csv"):
        fetch_files("demo", [rf], cache=tmp_path / "c")


def test_fetch_unknown_source_is_clear(tmp_path):
    with pytest.raises(SourceError, match="unknown source"):
        fetch(["no_such_source"], cache=tmp_path)


def test_corrupted_checksum_record(tmp_path):
    rec = Path(tmp_path) / "data" / "checksums.json"
    rec.parent.mkdir(parents=True)
    rec.write_text("{not json")
    with pytest.raises(SourceError, match="corrupted"):
        recorded_checksums(tmp_path)
