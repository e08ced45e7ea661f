"""Unit tests of the core layer: errors, schema validation, provenance, config, io."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from worldsystem.core import config
from worldsystem.core.errors import SchemaError, WorldsystemError
from worldsystem.core.io import atomic_path, atomic_write_text, sha256_file, write_frame
from worldsystem.core.provenance import (
    Provenance,
    SourceRecord,
    attach,
    carry,
    get,
    get_units,
    merged,
    set_units,
)
from worldsystem.core.schema import (
    check_numeric,
    validate_country_year,
    validate_dyad_year,
)


def _cy():
    return pd.DataFrame(
        {"iso3": ["USA", "CHN", "USA"], "year": [2000, 2000, 2001], "v": [1.0, 2.0, 3.0]}
    )


# ----------------------------------------------------------------- errors
def test_error_message_names_file_field_value_and_fix():
    err = SchemaError("bad", file="x.csv", field="milex", value="abc", hint="fix it")
    text = str(err)
    assert "x.csv" in text and "'milex'" in text and "'abc'" in text and "fix it" in text
    assert isinstance(err, WorldsystemError)
    assert err.file == "x.csv" and err.field == "milex" and err.value == "abc"


# ----------------------------------------------------------------- schema
def test_valid_country_year_passes():
    df = _cy()
    assert validate_country_year(df, numeric=["v"]) is df


def test_missing_key_column():
    with pytest.raises(SchemaError, match="iso3"):
        validate_country_year(_cy().drop(columns="iso3"))


def test_duplicate_key_names_the_key():
    df = pd.concat([_cy(), _cy().iloc[[0]]])
    with pytest.raises(SchemaError) as info:
        validate_country_year(df, name="panel")
    assert info.value.value == ("USA", 2000)
    assert "panel" in str(info.value)


def test_year_out_of_range_and_fractional():
    with pytest.raises(SchemaError) as info:
        validate_country_year(_cy(), year_range=(2000, 2000))
    assert info.value.value == 2001
    df = _cy().assign(year=[2000.5, 2000, 2001])
    with pytest.raises(SchemaError, match="whole numbers"):
        validate_country_year(df)


def test_text_in_numeric_column_names_value():
    df = _cy().assign(v=["1", "two", "3"])
    with pytest.raises(SchemaError) as info:
        check_numeric(df, ["v"], name="f.csv")
    assert info.value.value == "two" and info.value.field == "v"


def test_range_and_infinity():
    df = _cy().assign(v=[1.0, -2.0, np.inf])
    with pytest.raises(SchemaError, match="infinite"):
        check_numeric(df, ["v"])
    with pytest.raises(SchemaError) as info:
        check_numeric(df.iloc[:2], ["v"], min_value=0)
    assert info.value.value == -2


def test_dtype_check_and_dyad_keys():
    dy = pd.DataFrame({"iso3_o": ["A", "B"], "iso3_d": ["B", "A"], "year": [2000, 2000]})
    validate_dyad_year(dy)
    with pytest.raises(SchemaError, match="dtype"):
        validate_dyad_year(dy.assign(f=["x", "y"]), dtypes={"f": "f"})
    with pytest.raises(SchemaError, match="missing value in a key"):
        validate_dyad_year(dy.assign(iso3_d=["B", None]))


# ----------------------------------------------------------------- provenance
REC_A = SourceRecord(id="a", version="1", checksum="aa", citation="keyA")
REC_B = SourceRecord(id="b", version="2", checksum="bb", citation="keyB")


def test_merge_is_ordered_union_without_duplicates():
    p = Provenance(sources=(REC_A,), citations=("keyA",))
    q = Provenance(sources=(REC_B, REC_A), citations=("keyB",))
    m = p.merge(q)
    assert m.sources == (REC_A, REC_B)
    assert m.citations == ("keyA", "keyB")


def test_with_method_records_params_and_roundtrips_json():
    p = Provenance(sources=(REC_A,)).with_method(
        "cinc", {"components": ["milex", "tpop"], "k": 2}, ["singer1972"]
    )
    d = json.loads(p.to_json())
    assert d["methods"][0]["params"] == {"components": ["milex", "tpop"], "k": 2}
    assert Provenance.from_dict(d) == p
    assert "singer1972" in p.citations


def test_example_flag():
    assert not Provenance(sources=(REC_A,)).is_example
    ex = SourceRecord(id="example", version="seed=0", example=True)
    assert Provenance(sources=(REC_A, ex)).is_example


@pytest.mark.parametrize(
    "op",
    [
        lambda d: d.copy(),
        lambda d: d[d["v"] > 1],
        lambda d: d.sort_values("v"),
        lambda d: d.assign(w=d["v"] * 2),
        lambda d: d.rename(columns={"v": "value"}),
        lambda d: d.reset_index(drop=True),
        lambda d: d.loc[:, ["iso3", "year"]],
        lambda d: d.query("year == 2000"),
    ],
)
def test_provenance_survives_common_pandas_operations(op):
    df = attach(_cy(), Provenance(sources=(REC_A,)))
    assert get(op(df)).sources == (REC_A,)


def test_carry_restores_provenance_after_merge_and_groupby():
    left = attach(_cy(), Provenance(sources=(REC_A,)))
    right = attach(_cy().rename(columns={"v": "w"}), Provenance(sources=(REC_B,)))
    set_units(left, {"v": "USD"})
    set_units(right, {"w": "tons"})
    joined = left.merge(right, on=["iso3", "year"], how="left")
    carry(joined, left, right)
    assert set(get(joined).source_ids) == {"a", "b"}
    assert get_units(joined) == {"v": "USD", "w": "tons"}
    agg = left.groupby("year", as_index=False)["v"].sum()
    carry(agg, left)
    assert get(agg).source_ids == ("a",)
    assert merged(left, right).source_ids == ("a", "b")


# ----------------------------------------------------------------- config
def test_config_precedence(monkeypatch, tmp_path):
    monkeypatch.setenv(config.ENV_DATA, str(tmp_path / "env"))
    assert config.data_dir(tmp_path / "arg") == (tmp_path / "arg").resolve()
    assert config.data_dir() == (tmp_path / "env").resolve()
    monkeypatch.delenv(config.ENV_DATA)
    monkeypatch.setenv(config.ENV_CACHE, str(tmp_path / "cache"))
    assert config.configured_data_dir() is None
    assert config.data_dir() == (tmp_path / "cache" / "data").resolve()
    assert config.cache_dir(tmp_path / "c2") == (tmp_path / "c2").resolve()
    monkeypatch.delenv(config.ENV_CACHE)
    assert "worldsystem" in str(config.cache_dir())


# ----------------------------------------------------------------- io
def test_atomic_write_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "out.txt"
    atomic_write_text(target, "old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("boom")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_sha256_file(tmp_path):
    p = tmp_path / "f"
    p.write_bytes(b"abc")
    # sha256("abc") is the FIPS 180-2 test vector
    assert sha256_file(p) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_write_frame_formats_with_provenance_sidecar(tmp_path, fmt):
    df = attach(_cy(), Provenance(sources=(REC_A,)))
    set_units(df, {"v": "USD"})
    out = write_frame(df, tmp_path / f"t.{fmt}")
    back = {"csv": pd.read_csv, "parquet": pd.read_parquet, "json": pd.read_json}[fmt](out)
    assert len(back) == 3 and list(back.columns) == ["iso3", "year", "v"]
    meta = json.loads((tmp_path / f"t.{fmt}.provenance.json").read_text())
    assert meta["provenance"]["sources"][0]["id"] == "a"
    assert meta["units"] == {"v": "USD"}


def test_write_frame_rejects_unknown_format(tmp_path):
    with pytest.raises(WorldsystemError, match="format"):
        write_frame(_cy(), tmp_path / "t.xml")
    with pytest.raises(WorldsystemError, match="format"):
        write_frame(_cy(), tmp_path / "t.csv", "xml")
    assert list(tmp_path.iterdir()) == []
