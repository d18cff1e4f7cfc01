"""Advisory data: the compact format, folders and zips, `faasguard db update` into the user
cache (from a local zip and from a loopback HTTP server), and how the scan picks its data."""

from __future__ import annotations

import io
import json
import threading
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from faasguard.analysis.deps.advisories import AdvisoryFormatError, dump_compact, load_compact
from faasguard.analysis.deps.model import Ecosystem
from faasguard.analysis.deps.store import (
    CACHE_FILE,
    AdvisoryLoadError,
    cache_dir,
    http_fetch,
    load_database,
    update_database,
)
from faasguard.cli.main import main
from faasguard.core.config import ConfigError, parse_config

ADVISORIES = Path(__file__).parent.parent / "fixtures" / "deps" / "advisories"
NOW = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)

RECORD = {
    "id": "FGTEST-ZIP-1",
    "modified": "2025-01-01T00:00:00Z",
    "summary": "x" * 500,
    "aliases": ["CVE-2099-9999"],
    "affected": [
        {
            "package": {"ecosystem": "PyPI", "name": "Zip_Demo"},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.0"}]}],
        },
        {"package": {"ecosystem": "Go", "name": "example.com/zip"}, "versions": ["1.0"]},
    ],
}


def export_zip(*records: dict[str, object]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for record in records:
            archive.writestr(f"{record['id']}.json", json.dumps(record))
        archive.writestr("README.txt", "not a record")
        archive.writestr("broken.json", "{not json")
    return buffer.getvalue()


def no_network(url: str) -> bytes:
    raise AssertionError(f"unexpected fetch of {url}")


def test_a_folder_of_osv_records() -> None:
    database = load_database(str(ADVISORIES))
    assert len(database) == 7  # not-an-advisory.json is skipped
    assert database.generated == "2024-06-01T00:00:00Z"  # the newest record
    [withdrawn] = database.for_package(Ecosystem.NPM, "safe-demo")
    assert withdrawn.withdrawn == "2024-07-01T00:00:00Z"
    [jwt] = database.for_package(Ecosystem.PYPI, "demo-jwt")  # Demo_JWT, PEP 503 normalised
    assert jwt.severity is not None and jwt.severity.score == 9.3


def test_an_export_zip_given_as_the_advisories_path(tmp_path: Path) -> None:
    source = tmp_path / "all.zip"
    source.write_bytes(export_zip(RECORD))
    database = load_database(str(source))
    assert [a.id for a in database.for_package(Ecosystem.PYPI, "zip-demo")] == ["FGTEST-ZIP-1"]
    assert database.generated == "2025-01-01T00:00:00Z"
    with pytest.raises(AdvisoryLoadError, match="cannot read advisories"):
        load_database(str(tmp_path / "missing.zip"))


def test_compact_round_trip_keeps_what_matching_needs() -> None:
    data = dump_compact([_compact(RECORD)], generated="g", source="s", attribution="a")
    assert data == dump_compact([_compact(RECORD)], generated="g", source="s", attribution="a")
    database = load_compact(data)
    [advisory] = database.for_package(Ecosystem.PYPI, "zip-demo")
    assert advisory.aliases == ("CVE-2099-9999",)
    assert len(advisory.summary) == 200 and advisory.summary.endswith("…")
    assert [a.ecosystem for a in advisory.affected] == [Ecosystem.PYPI]  # Go is dropped
    assert (database.generated, database.source) == ("g", "s")


def _compact(record: dict[str, object]) -> dict[str, object]:
    from faasguard.analysis.deps.advisories import compact_record

    compact = compact_record(record)
    assert compact is not None
    return compact


def test_not_a_compact_file() -> None:
    with pytest.raises(AdvisoryFormatError):
        load_compact(b"{}")


def test_cache_dir_honours_xdg_cache_home() -> None:
    assert cache_dir({"XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"}) == Path(
        "/x/cache/faasguard"
    )
    assert cache_dir({"HOME": "/home/u"}) == Path("/home/u/.cache/faasguard")


def test_update_from_a_local_zip_merges_over_the_snapshot(tmp_path: Path) -> None:
    source = tmp_path / "all.zip"
    source.write_bytes(export_zip(RECORD))
    result = update_database([str(source)], tmp_path / "cache", fetch=no_network, now=NOW)
    assert result.path == tmp_path / "cache" / CACHE_FILE
    assert result.fetched == 1
    database = load_database(str(result.path))
    assert database.generated == "2025-01-02T03:04:05Z"
    assert database.for_package(Ecosystem.PYPI, "zip-demo")
    assert database.for_package(Ecosystem.PYPI, "requests")  # the snapshot is kept
    assert len(database) == result.advisories


def test_update_from_a_folder(tmp_path: Path) -> None:
    result = update_database([str(ADVISORIES)], tmp_path, fetch=no_network, now=NOW)
    assert result.fetched == 7
    assert load_database(str(result.path)).for_package(Ecosystem.NPM, "leftpad-demo")


@pytest.fixture
def served() -> Iterator[str]:
    """A loopback HTTP server with /all.zip and a 404 elsewhere."""
    payload = export_zip(RECORD)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/all.zip":
                self.send_response(200)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            else:
                self.send_error(404)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_update_over_http(served: str, tmp_path: Path) -> None:
    result = update_database([f"{served}/all.zip"], tmp_path, fetch=http_fetch, now=NOW)
    assert result.fetched == 1
    assert load_database(str(result.path)).for_package(Ecosystem.PYPI, "zip-demo")


def test_update_failure_leaves_the_cache_alone(served: str, tmp_path: Path) -> None:
    with pytest.raises(AdvisoryLoadError, match="404"):
        update_database([f"{served}/missing.zip"], tmp_path, fetch=http_fetch, now=NOW)
    assert not (tmp_path / CACHE_FILE).exists()


def test_db_update_command_writes_the_user_cache(
    served: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    assert main(["db", "update", "--from", f"{served}/all.zip"]) == 0
    cache = tmp_path / "xdg" / "faasguard" / CACHE_FILE
    assert cache.is_file()
    assert str(cache) in capsys.readouterr().out
    assert main(["db", "status"]) == 0
    assert f"from cache {cache}" in capsys.readouterr().out


def test_db_update_command_reports_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    missing = tmp_path / "nothing.zip"
    assert main(["db", "update", "--from", str(missing)]) == 2
    error = capsys.readouterr().err
    assert "cannot read advisories" in error and "scans keep using" in error


def test_db_url_setting_is_the_default_source(
    served: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".faasguard.toml").write_text(f'db-url = "{served}/all.zip"\n')
    assert main(["db", "update", "--cache-dir", str(tmp_path / "c")]) == 0
    assert (tmp_path / "c" / CACHE_FILE).is_file()


def test_scan_uses_the_cache_and_the_flag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "requirements.txt").write_text("zip-demo==1.0\n")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    args = ["scan", str(project), "--format", "json", "--rule", "DEP001", "-q", "--fail-on", "low"]
    assert main(args) == 0  # the snapshot does not know zip-demo
    capsys.readouterr()
    source = tmp_path / "all.zip"
    source.write_bytes(export_zip(RECORD))
    update_database([str(source)], tmp_path / "xdg" / "faasguard", fetch=no_network, now=NOW)
    assert main(args) == 1
    assert "FGTEST-ZIP-1" in capsys.readouterr().out
    assert main([*args, "--advisories", str(ADVISORIES)]) == 0  # the folder replaces the cache
    capsys.readouterr()
    assert main([*args, "--advisories", str(tmp_path / "missing")]) == 2
    assert "no such advisory file" in capsys.readouterr().err


def test_advisories_setting_is_relative_to_the_config_file() -> None:
    config = parse_config({"advisories": "data/osv"}, "/repo/.faasguard.toml")
    assert config.advisories == "/repo/data/osv"
    with pytest.raises(ConfigError, match="db-url"):
        parse_config({"db-url": [1]}, "x.toml")
