"""Damaged data is an error naming the file, the line or field, and the value (issue 18).

Small hand-written files in the official layouts, one family per section:
structure (cut mid-row, field counts, header), values (non-finite, bounds,
sentinels), unreadable files (empty, garbage, truncated compression, symlink
loop, directory), checksums (manifest, validated versions), ``data check``
per file, and the corruption-corpus generator itself on a tiny data folder.
"""

from __future__ import annotations

import gzip
import io
import os
import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import corruption
from worldsystem.cli import app
from worldsystem.core import layouts
from worldsystem.core.errors import SchemaError, SourceError, WorldsystemError
from worldsystem.sources import base, catalogue, cow_nmc, imf_weo, nuclear, verify

runner = CliRunner()

NMC_HEADER = "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,version\n"
NMC_ROWS = (
    "USA,2,2000,294490000,1366,101824,3182468,282496,146279,7.0\n"
    "RUS,365,2000,52000000,1004,59136,885927,146405,-9,7.0\n"
    "CHN,710,2000,41500000,2810,128500,1499800,1262645,260000,7.0\n"
)
WARHEADS = "country,year,warheads\nUnited States,2000,10577\nRussia,2000,21000\nFrance,2000,300\n"
STATUS = (
    "country,year,nuclear_weapons_status,nuclear_weapons_consideration,"
    "nuclear_weapons_pursuit,nuclear_weapons_possession\n"
    "France,2000,3,0,0,1\nGermany,2000,0,0,0,0\n"
)


def _write(root: Path, source: str, name: str, content: str | bytes) -> Path:
    path = root / source / name
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode() if isinstance(content, str) else content
    path.write_bytes(gzip.compress(data, mtime=0) if name.endswith(".gz") else data)
    return path


def _nmc(tmp_path, text: str | bytes) -> Path:
    return _write(tmp_path, "cow_nmc", "NMC-70-abridged.csv", text)


def _raises(exc_type, fn, *needles):
    with pytest.raises(exc_type) as info:
        fn()
    text = str(info.value)
    for needle in needles:
        assert needle in text, f"{needle!r} not in {text!r}"
    return info.value


# ------------------------------------------------------------------ structure
def test_valid_fixture_loads_and_keeps_sentinels(tmp_path):
    _nmc(tmp_path, NMC_HEADER + NMC_ROWS)
    df = cow_nmc.load(tmp_path)
    assert len(df) == 3
    assert np.isnan(df.loc[df["ccode"] == 365, "upop"].iloc[0])  # -9 = missing
    assert df.loc[df["ccode"] == 2, "tpop"].iloc[0] == 282496


def test_cut_mid_row_names_line_and_partial_value(tmp_path):
    text = NMC_HEADER + NMC_ROWS
    cut = text[: text.rindex("1262645") + 3]  # "...,126": the value 1262645 cut
    _nmc(tmp_path, cut)
    err = _raises(SchemaError, lambda: cow_nmc.load(tmp_path), "cut mid-row", "line=4")
    assert err.line == 4 and err.value.endswith(",126") and err.file.endswith(".csv")


def test_cut_mid_row_with_right_field_count(tmp_path):
    # the cut leaves all fields (France,2000,30 for 300): only the end-of-line tells
    path = _write(tmp_path, "nuclear", "warhead_stockpiles.csv", WARHEADS[:-2])
    err = _raises(SchemaError, lambda: nuclear.load(tmp_path), "cut mid-row")
    assert err.value == "France,2000,30" and err.file == str(path)


def test_cut_inside_quoted_field(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b'a,b\n1,"text with\nnewline\n')
    _raises(SchemaError, lambda: base.read_csv(path), "inside a quoted field")


def test_quoted_separators_and_newlines_do_not_count(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b'a,b,c\n1,"x, y",2\n3,"multi\nline, text",4\n5,"say ""hi""",6\n')
    df = base.read_csv(path)
    assert df["b"].tolist() == ["x, y", "multi\nline, text", 'say "hi"']


@pytest.mark.parametrize(
    ("row", "fields", "line"),
    [("USA,2,2001,1,1,1,1,1,1\n", 9, 5), ("USA,2,2001,1,1,1,1,1,1,7.0,99\n", 11, 5)],
)
def test_row_with_too_few_or_too_many_fields(tmp_path, row, fields, line):
    _nmc(tmp_path, NMC_HEADER + NMC_ROWS + row)
    err = _raises(
        SchemaError, lambda: cow_nmc.load(tmp_path), f"line has {fields} fields", "header has 10"
    )
    assert err.line == line and err.value == row.strip()


def test_line_number_counts_quoted_newlines(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b'a,b\n1,"two\nlines"\n2,3,4\n')
    err = _raises(SchemaError, lambda: base.read_csv(path), "3 fields")
    assert err.line == 4


def test_blank_line_is_an_error(tmp_path):
    _nmc(tmp_path, NMC_HEADER + NMC_ROWS[:60] + "\n" + NMC_ROWS[60:])
    _raises(SchemaError, lambda: cow_nmc.load(tmp_path), "line has 1 fields")


def test_duplicate_header_never_mangled(tmp_path):
    # the attack: a second milex column in front; pandas would call the
    # real one milex.1 and the loader would use the fake values
    lines = (NMC_HEADER + NMC_ROWS).splitlines()
    text = "\n".join(["milex," + lines[0]] + ["1," + ln for ln in lines[1:]]) + "\n"
    _nmc(tmp_path, text)
    err = _raises(SchemaError, lambda: cow_nmc.load(tmp_path), "duplicate column name")
    assert err.field == "milex" and err.line == 1


def test_mangled_name_is_an_unknown_column(tmp_path):
    _nmc(tmp_path, NMC_HEADER.replace("version", "milex.1") + NMC_ROWS)
    err = _raises(SchemaError, lambda: cow_nmc.load(tmp_path), "unknown column")
    assert err.field == "milex.1"


def test_official_extra_column_is_accepted(tmp_path):
    _nmc(
        tmp_path,
        NMC_HEADER.replace("version", "version,cinc") + NMC_ROWS.replace("7.0\n", "7.0,0.1\n"),
    )
    assert "cinc" not in cow_nmc.load(tmp_path).columns


def test_empty_header_name(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,,c\n1,2,3\n")
    _raises(SchemaError, lambda: base.read_csv(path), "header column 2 has no name")
    path.write_text(",a,b\n1,2,3\n")  # R's row names: an unnamed first column
    assert list(base.read_csv(path).columns) == ["Unnamed: 0", "a", "b"]


def test_cr_line_ends_are_records(tmp_path):
    path = tmp_path / "official.csv"
    path.write_bytes(b"a,b\r1,2\r3,4\r")
    assert base.read_csv(path)["b"].tolist() == [2, 4]
    path.write_bytes(b"a,b\r1,2\r3,4,5\r")
    _raises(SchemaError, lambda: base.read_csv(path), "3 fields", "line=3")


def test_undeclared_layout_tolerates_a_missing_final_newline(tmp_path):
    # producers' official files may end without one; the field count still holds
    path = tmp_path / "official.csv"
    path.write_text("a,b\n1,2\n3,4")
    assert base.read_csv(path)["b"].tolist() == [2, 4]
    path.write_text("a,b\n1,2\n3")
    _raises(SchemaError, lambda: base.read_csv(path), "line has 1 fields", "line=3")
    # a declared layout (the validated copies all end with one) requires it
    _raises(
        SchemaError,
        lambda: base.read_csv(path, layout=layouts.FileLayout("x/y", ("a", "b"))),
        "cut mid-row",
    )


def test_ragged_layout_allows_short_rows_only(tmp_path):
    layout = layouts.FileLayout("t/x.csv", ("a", "b", "c"), ragged=True)
    path = tmp_path / "x.csv"
    path.write_text("a,b,c\n1,2\n")
    assert base.read_csv(path, layout=layout)["c"].isna().all()
    path.write_text("a,b,c\n1,2,3,4\n")
    _raises(SchemaError, lambda: base.read_csv(path, layout=layout), "4 fields")


def test_namibia_na_is_a_code_not_missing(tmp_path):
    path = _write(
        tmp_path,
        "countries",
        "country_codes_panel.csv.gz",
        "country.name.en,year,iso3c,iso2c,iso3n,cown,cowc,gwn,gwc,imf,un,wb,p5n,vdem\n"
        "Namibia,2000,NAM,NA,516,565,NAM,565,NAM,728,516,NAM,565,127\n",
    )
    assert base.read_csv(path)["iso2c"].tolist() == ["NA"]


# --------------------------------------------------------------------- values
@pytest.mark.parametrize("bad", ["1.7e308", "inf", "-inf", "1e999", "2e7"])
def test_overflow_and_out_of_range_cells(tmp_path, bad):
    _nmc(tmp_path, NMC_HEADER + NMC_ROWS.replace("282496", bad))
    err = _raises(SchemaError, lambda: cow_nmc.load(tmp_path), "tpop")
    assert err.field == "tpop" and err.line == 2
    assert not np.isfinite(err.value) or err.value > 1e7


def test_bound_message_documents_the_unit(tmp_path):
    _nmc(tmp_path, NMC_HEADER + NMC_ROWS.replace("282496", "1.7e308"))
    _raises(SchemaError, lambda: cow_nmc.load(tmp_path), "thousands of persons", "[0, 1e+07]")


@pytest.mark.parametrize("code", ["-9", "-8", "-7"])
def test_cow_sentinels_pass_the_bounds(code):
    bound = layouts.layout_for("cow_nmc/NMC-70-abridged.csv").bound("upop")
    assert bound.violations(np.array([1.0, float(code), np.nan])) is None
    assert bound.violations(np.array([1.0, -6.0])) == 1


def test_generic_bound_applies_to_undeclared_columns(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n3,1e17\n")
    err = _raises(SchemaError, lambda: base.read_csv(path), "no number in any release")
    assert err.field == "b" and err.line == 3


def test_text_overflow_in_bounded_text_column(tmp_path):
    # one text cell keeps the column as text; the number in it is still bounded
    text = NMC_HEADER + NMC_ROWS.replace("1366", "n/a").replace("282496", "1.7e308")
    _nmc(tmp_path, text)
    _raises(SchemaError, lambda: cow_nmc.load(tmp_path))


def test_keyed_bounds_follow_the_indicator(tmp_path):
    header = "iso3,year,indicator,value\n"
    ok = header + "VEN,2019,PCPI,1.4e39\nUSA,2019,NGDPD,21000\n"
    path = _write(tmp_path, "imf_weo", "weo_apr2019.csv.gz", ok)
    assert len(base.read_csv(path)) == 2  # hyperinflation index is genuine
    _write(tmp_path, "imf_weo", "weo_apr2019.csv.gz", header + "USA,2019,NGDPD,1.4e39\n")
    err = _raises(SchemaError, lambda: base.read_csv(path), "billions of US dollars")
    assert err.line == 2 and err.field == "value"


def test_weo_loader_refuses_overflow(tmp_path):
    _write(
        tmp_path, "imf_weo", "weo_apr2019.csv.gz", "iso3,year,indicator,value\nUSA,2019,LP,inf\n"
    )
    _raises(SchemaError, lambda: imf_weo.load(tmp_path), "non-finite")


def test_every_layout_bound_is_a_range():
    for layout in layouts.LAYOUTS:
        bounds = [*layout.bounds.values(), *([layout.default] if layout.default else [])]
        if layout.keyed:
            bounds += list(layout.keyed[2].values())
        for b in bounds:
            assert b.lo is not None and b.hi is not None and b.lo < b.hi, layout.pattern
            assert b.why, layout.pattern  # every bound says why


def test_column_registry_sources_have_layouts():
    from worldsystem.core import columns

    for col in columns.COLUMNS:
        if col.source in catalogue.SOURCE_IDS and col.source not in ("maps",):
            info = catalogue.info(col.source)
            assert any(layouts.layout_for(f"{col.source}/{f}") for f in info.files), col.source


# ------------------------------------------------------------- unreadable files
@pytest.mark.parametrize("content", [b"", b"  \n \n"])
def test_empty_file(tmp_path, content):
    _write(tmp_path, "unvotes", "un_roll_calls.csv", content)
    from worldsystem.sources import unvotes

    _raises(SourceError, lambda: unvotes.load_roll_calls(tmp_path), "empty", "un_roll_calls.csv")


def test_header_only(tmp_path):
    _nmc(tmp_path, NMC_HEADER)
    _raises(SourceError, lambda: cow_nmc.load(tmp_path), "no rows")


def test_garbage_bytes(tmp_path):
    rng = random.Random(0)
    _nmc(tmp_path, bytes(rng.randrange(256) for _ in range(2000)))
    _raises(WorldsystemError, lambda: cow_nmc.load(tmp_path), "NMC-70-abridged.csv")


def test_non_utf8_names_the_line(tmp_path):
    _nmc(tmp_path, (NMC_HEADER + NMC_ROWS).encode() + b"\xff\xfe,2\n")
    err = _raises(SourceError, lambda: cow_nmc.load(tmp_path), "not valid utf-8")
    assert err.line == 5


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_truncated_gzip(tmp_path, cut):
    path = _write(tmp_path, "countries", "country_codes_panel.csv.gz", "a,b\n" + "1,2\n" * 5000)
    raw = path.read_bytes()
    path.write_bytes(raw[: int(len(raw) * cut)])
    _raises(SourceError, lambda: base.read_csv(path), "gzip file is truncated or corrupted")


def test_gzip_with_corrupted_member(tmp_path):
    path = _write(tmp_path, "countries", "country_codes_panel.csv.gz", "a,b\n" + "1,2\n" * 500)
    raw = bytearray(path.read_bytes())
    raw[30] ^= 0xFF
    path.write_bytes(bytes(raw))
    _raises(SourceError, lambda: base.read_csv(path), "gzip")


def test_recompressed_cut_is_caught_by_content(tmp_path):
    # a valid gzip of a cut text: the compression is fine, the content is not
    path = _write(tmp_path, "countries", "country_codes_panel.csv.gz", "a,b\n1,2\n3,")
    _raises(SchemaError, lambda: base.read_csv(path), "cut mid-row")


def test_truncated_and_duplicate_parquet(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "cow_trade" / "Dyadic_COW_4.0.parquet"
    path.parent.mkdir()
    frame = pd.DataFrame({"ccode1": [2], "ccode2": [20], "year": [2000], "flow1": [1.0]})
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)
    assert len(base.read_parquet(path)) == 1
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    _raises(SourceError, lambda: base.read_parquet(path), "Parquet")
    table = pa.Table.from_arrays([pa.array([1.0]), pa.array([2.0])], names=["flow1", "flow1"])
    pq.write_table(table, path)
    _raises(SchemaError, lambda: base.read_parquet(path), "duplicate column")
    frame["flow1"] = [np.inf]
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)
    err = _raises(SchemaError, lambda: base.read_parquet(path), "non-finite")
    assert err.field == "flow1"


def test_symlink_loop_and_directory(tmp_path):
    folder = tmp_path / "cow_nmc"
    folder.mkdir()
    (folder / "NMC-70-abridged.csv").symlink_to("NMC-70-abridged.csv")
    _raises(SourceError, lambda: cow_nmc.load(tmp_path), "symlink loop")
    (folder / "NMC-70-abridged.csv").unlink()
    (folder / "NMC-70-abridged.csv").mkdir()
    _raises(SourceError, lambda: cow_nmc.load(tmp_path), "directory stands where")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores permissions")
def test_permission_denied(tmp_path):  # pragma: no cover - CI runs as root
    path = _nmc(tmp_path, NMC_HEADER + NMC_ROWS)
    path.chmod(0)
    _raises(SourceError, lambda: cow_nmc.load(tmp_path), "Permission denied")


def test_unreadable_error_names_permission_denied(tmp_path):
    import errno

    err = base.unreadable_error(
        tmp_path / "x.csv", PermissionError(errno.EACCES, "Permission denied")
    )
    assert "Permission denied" in str(err) and "chmod" in str(err)


# ------------------------------------------------------------------ checksums
def _sums(root: Path, *files: Path, tamper: Path | None = None) -> Path:
    from worldsystem.core.io import sha256_file

    lines = []
    for f in files:
        digest = "0" * 64 if f == tamper else sha256_file(f)
        lines.append(f"{digest}  {f.relative_to(root).as_posix()}\n")
    path = root / "SHA256SUMS"
    path.write_text("".join(lines))
    return path


def test_manifest_match_and_mismatch(tmp_path):
    path = _nmc(tmp_path, NMC_HEADER + NMC_ROWS)
    _sums(tmp_path, path)
    assert len(cow_nmc.load(tmp_path)) == 3
    _sums(tmp_path, path, tamper=path)
    err = _raises(SourceError, lambda: cow_nmc.load(tmp_path), "does not match the manifest")
    assert err.file == str(path)


def test_manifest_must_list_the_file(tmp_path):
    _nmc(tmp_path, NMC_HEADER + NMC_ROWS)
    (tmp_path / "SHA256SUMS").write_text("")
    _raises(SourceError, lambda: cow_nmc.load(tmp_path), "not listed in the checksum manifest")


def test_source_folder_manifest(tmp_path):
    path = _nmc(tmp_path, NMC_HEADER + NMC_ROWS)
    (tmp_path / "cow_nmc" / "SHA256SUMS").write_text(f"{'a' * 64}  {path.name}\n")
    _raises(SourceError, lambda: cow_nmc.load(tmp_path), "does not match")


@pytest.mark.parametrize(
    "line", ["abc  cow_nmc/x.csv", "not a checksum line", f"{'a' * 64}cow_nmc/x.csv"]
)
def test_malformed_manifest_line(tmp_path, line):
    path = tmp_path / "SHA256SUMS"
    path.write_text(f"{'b' * 64}  ok.csv\n{line}\n")
    err = _raises(SourceError, lambda: base.read_manifest(path), "malformed checksum line")
    assert err.line == 2


def test_validated_checksums_recorded_for_every_file():
    for sid in catalogue.SOURCE_IDS:
        entry = catalogue.info(sid)
        recorded = catalogue.VALIDATED_SHA256[sid]
        assert set(entry.files) <= set(recorded), sid
        assert all(len(h) == 64 and int(h, 16) >= 0 for h in recorded.values())


# ------------------------------------------------------------- data check per file
def test_check_source_reports_every_file(tmp_path):
    _write(tmp_path, "nuclear", "warhead_stockpiles.csv", WARHEADS)
    _write(tmp_path, "nuclear", "nuclear_weapons_status.csv", STATUS[:-3])  # second file cut
    res = verify.check_source("nuclear", tmp_path)
    first, second = res.files
    assert first.ok and first.warnings and "validated on" in first.warnings[0]
    assert not second.ok and "cut mid-row" in str(second.error)
    assert not res.ok


def test_check_source_runs_every_loader(tmp_path):
    # both files are well-formed; the second only fails its loader's rule
    _write(tmp_path, "nuclear", "warhead_stockpiles.csv", WARHEADS)
    _write(tmp_path, "nuclear", "nuclear_weapons_status.csv", STATUS.replace("3,0,0,1", "3,0,1,0"))
    res = verify.check_source("nuclear", tmp_path)
    assert res.files[0].ok
    assert not res.files[1].ok and "dummy disagrees" in str(res.files[1].error)


def test_data_check_cli_per_file_lines(tmp_path):
    _write(tmp_path, "nuclear", "warhead_stockpiles.csv", WARHEADS)
    _write(tmp_path, "nuclear", "nuclear_weapons_status.csv", STATUS)
    res = runner.invoke(app, ["data", "check", "nuclear", "--data", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert "nuclear/warhead_stockpiles.csv: ok, sha256=" in res.stdout
    assert "nuclear/nuclear_weapons_status.csv: ok, sha256=" in res.stdout
    assert "nuclear: ok, rows=3" in res.stdout
    assert "differs from the version the loaders were validated on" in res.stderr
    (tmp_path / "nuclear" / "nuclear_weapons_status.csv").write_text("")
    res = runner.invoke(app, ["data", "check", "nuclear", "--data", str(tmp_path)])
    assert res.exit_code == 1
    assert "nuclear/nuclear_weapons_status.csv: FAILED file is empty" in res.stderr
    assert "Traceback" not in res.output


def test_data_check_unknown_source_is_one_line():
    res = runner.invoke(app, ["data", "check", "no_such_source"])
    assert res.exit_code == 1 and "unknown source" in res.stderr


# ------------------------------------------------------------ corpus generator
_MINI = ("nuclear", "cow_nmc", "atop")
ATOP = "ddyad,stateA,stateB,year,atopally,defense,offense,neutral,nonagg,consul\n" + "".join(
    f"2020,2,20,{y},1,1,0,0,0,1\n20002,20,2,{y},1,1,0,0,0,1\n" for y in range(1950, 2000)
)


def _mini_data(root: Path) -> Path:
    data = root / "src"
    p1 = _write(data, "nuclear", "warhead_stockpiles.csv", WARHEADS)
    p2 = _write(data, "nuclear", "nuclear_weapons_status.csv", STATUS)
    p3 = _nmc(data, NMC_HEADER + NMC_ROWS)
    p4 = _write(data, "atop", "atop5_1ddyr.csv.gz", ATOP)
    _sums(data, p1, p2, p3, p4)
    return data


def test_corpus_generator_on_hand_written_files(tmp_path):
    data = _mini_data(tmp_path)
    cases = corruption.cases(data, sources=_MINI)
    assert {c.kind for c in cases} == set(corruption.KINDS)
    for k, case in enumerate(cases):
        staged, note = corruption.stage(data, case, tmp_path / f"c{k}")
        res = verify.check_source(case.source, staged)
        bad = [f for f in res.files if not f.ok]
        assert [f.name for f in bad] == [case.file], (case.id, note)
        assert case.file in str(bad[0].error), (case.id, str(bad[0].error))
    # the originals are untouched
    assert (data / "nuclear" / "warhead_stockpiles.csv").read_text() == WARHEADS


def test_corpus_sample_is_reproducible_and_covers_kinds(tmp_path):
    data = _mini_data(tmp_path)
    cases = corruption.cases(data, sources=_MINI)
    a = corruption.sample(cases, 12)
    assert a == corruption.sample(cases, 12)
    assert {c.kind for c in a} == set(corruption.KINDS)
    assert {c.source for c in a} == set(_MINI)


def test_corpus_damage_changes_only_the_target(tmp_path):
    data = _mini_data(tmp_path)
    case = corruption.Case("cow_nmc", "NMC-70-abridged.csv", "overflow")
    staged, note = corruption.stage(data, case, tmp_path / "s")
    frame = pd.read_csv(io.BytesIO((staged / case.source / case.file).read_bytes()))
    assert (frame.select_dtypes("number").abs() > 1e300).sum().sum() == 1, note
    assert (staged / "nuclear").is_symlink()
