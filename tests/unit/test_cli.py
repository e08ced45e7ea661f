"""The command line, through typer's test runner."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from worldsystem.cli import app, parse_years
from worldsystem.core.errors import WorldsystemError

runner = CliRunner()


@pytest.fixture(autouse=True)
def _no_real_data(monkeypatch):
    monkeypatch.delenv("WORLDSYSTEM_DATA", raising=False)


def test_help_lists_commands():
    res = runner.invoke(app, ["--help"])
    assert res.exit_code == 0
    for cmd in ("report", "countries", "data", "polarity", "capabilities", "blocs"):
        assert cmd in res.output


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys; from worldsystem.cli import app; "
        "heavy = [m for m in ('pandas', 'plotly', 'scipy', 'duckdb') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


@pytest.mark.parametrize(
    ("text", "expected"), [("1990-2019", (1990, 2019)), ("2011", (2011, 2011)), (None, None)]
)
def test_parse_years(text, expected):
    assert parse_years(text) == expected


@pytest.mark.parametrize("text", ["2019-1990", "abc", "1-2-3"])
def test_parse_years_rejects(text):
    with pytest.raises(WorldsystemError, match="years"):
        parse_years(text)


def test_countries_group_members_csv():
    res = runner.invoke(app, ["countries", "--group", "G7", "--year", "2022", "--format", "csv"])
    assert res.exit_code == 0, res.output
    lines = res.output.strip().splitlines()
    assert lines[0] == "group,year,iso3,name"
    assert {line.split(",")[2] for line in lines[1:]} == {
        "CAN",
        "DEU",
        "FRA",
        "GBR",
        "ITA",
        "JPN",
        "USA",
    }


def test_countries_group_needs_year_and_known_group():
    res = runner.invoke(app, ["countries", "--group", "G7"])
    assert res.exit_code == 1 and "--year" in res.output
    res = runner.invoke(app, ["countries", "--group", "NOPE", "--year", "2000"])
    assert res.exit_code == 1 and "NOPE" in res.output


def test_countries_table_json(tmp_path):
    out = tmp_path / "countries.json"
    res = runner.invoke(app, ["countries", "--format", "json", "--out", str(out)])
    assert res.exit_code == 0, res.output
    rows = json.loads(out.read_text())
    assert any(r["iso3"] == "USA" for r in rows)
    assert (tmp_path / "countries.json.provenance.json").is_file()


def test_data_list_and_info_without_data(tmp_path):
    res = runner.invoke(app, ["data", "list", "--data", str(tmp_path)])
    assert res.exit_code == 0
    assert "cow_nmc" in res.output and "missing" in res.output
    res = runner.invoke(app, ["data", "info", "cow_nmc", "--data", str(tmp_path)])
    assert res.exit_code == 0 and "NMC-70-abridged.csv: MISSING" in res.output
    res = runner.invoke(app, ["data", "info", "no_such_source"])
    assert res.exit_code == 1 and "unknown source" in res.output


def test_data_check_fails_on_missing_source(tmp_path):
    res = runner.invoke(app, ["data", "check", "cow_nmc", "--data", str(tmp_path)])
    assert res.exit_code == 1
    assert "FAILED" in res.output and "file not found" in res.output


def test_data_check_fails_on_bad_file(tmp_path):
    folder = tmp_path / "cow_nmc"
    folder.mkdir()
    (folder / "NMC-70-abridged.csv").write_text(
        "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,version\n"
        "USA,2,1816,abc,17,80,254,8659,101,7.0\n"
    )
    res = runner.invoke(app, ["data", "check", "cow_nmc", "--data", str(tmp_path)])
    assert res.exit_code == 1
    assert "milex" in res.output and "abc" in res.output


def test_polarity_on_example_world(tmp_path):
    out = tmp_path / "pol.csv"
    res = runner.invoke(app, ["polarity", "--years", "2000-2005", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "EXAMPLE DATA" in res.output
    df = pd.read_csv(out)
    assert list(df["year"]) == list(range(2000, 2006))
    for col in (
        "year",
        "index",
        "n_states",
        "leader_iso3",
        "leader_share",
        "second_iso3",
        "second_share",
        "con",
        "hhi",
        "effective_poles",
        "polarity",
        "robustness",
    ):
        assert col in df.columns
    assert df["leader_iso3"].str.startswith("X").all()
    meta = json.loads((tmp_path / "pol.csv.provenance.json").read_text())
    assert meta["provenance"]["example"] is True


def test_capabilities_parquet(tmp_path):
    out = tmp_path / "cap.parquet"
    res = runner.invoke(app, ["capabilities", "--years", "2019", "--out", str(out)])
    assert res.exit_code == 0, res.output
    df = pd.read_parquet(out)
    assert set(df["year"]) == {2019}
    assert abs(df["cinc"].sum() - 1) < 1e-9  # the example world has no missing components


def test_years_outside_data_is_a_clear_error():
    res = runner.invoke(app, ["polarity", "--years", "1800-1810"])
    assert res.exit_code == 1 and "no data in years 1800-1810" in res.output


@pytest.mark.parametrize(
    "command",
    [
        ["imperialism"],
        ["capabilities"],
        ["position"],
        ["exchange"],
        ["blocs", "agreement"],
        ["dynamics", "transitions"],
        ["dynamics", "mobility"],
    ],
)
def test_one_year_outside_data_is_a_clear_error_everywhere(command):
    """A one-year window past the data's end: exit 1, one error line naming --years."""
    res = runner.invoke(app, [*command, "--years", "2100-2100"])
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output and "internal error" not in res.output
    assert "--years" in res.output and "2100" in res.output


def test_blocs_ideal_points_example(tmp_path):
    out = tmp_path / "ip.csv"
    res = runner.invoke(app, ["blocs", "ideal-points", "--years", "2015-2019", "--out", str(out)])
    assert res.exit_code == 0, res.output
    df = pd.read_csv(out)
    assert list(df.columns[:6]) == ["iso3", "ccode", "year", "session", "ideal_point", "se"]
    assert set(df["year"]) == set(range(2015, 2020))


def test_blocs_ideal_points_model_options_reach_the_fit_and_its_provenance(tmp_path):
    base, alt = tmp_path / "base.csv", tmp_path / "alt.csv"
    args = ["blocs", "ideal-points", "--years", "2015-2019", "--out"]
    assert runner.invoke(app, [*args, str(base)]).exit_code == 0
    flags = ["--omega2", "0.5", "--session-prior-var", "1", "--omega2-cov", "variational"]
    res = runner.invoke(app, [*args, str(alt), *flags])
    assert res.exit_code == 0, res.output
    meta = json.loads((tmp_path / "alt.csv.provenance.json").read_text())
    methods = meta["provenance"]["methods"]
    step = next(m for m in methods if m["name"] == "worldsystem.measures.blocs.ideal_points")
    assert step["params"]["omega2"] == 0.5 and step["params"]["session_prior_var"] == 1.0
    assert step["params"]["omega2_cov"] == "variational"
    a, b = pd.read_csv(base), pd.read_csv(alt)
    assert len(a) == len(b) and not np.allclose(a["ideal_point"], b["ideal_point"])


@pytest.mark.parametrize(
    ("flags", "text"),
    [
        (["--omega2", "-1"], "omega2 must be a positive number or 'estimate'"),
        (["--session-prior-var", "zero"], "session_prior_var must be a positive number"),
        (["--bridge", "symbol"], "unknown bridge"),
        (["--roll-calls", "votes"], "unknown roll-call set"),
        (["--omega2-by", "region"], "unknown omega2_by"),
    ],
)
def test_blocs_ideal_points_bad_model_option_is_one_line(flags, text):
    res = runner.invoke(app, ["blocs", "ideal-points", *flags])
    assert res.exit_code == 1 and text in res.output, res.output
    assert "Traceback" not in res.output and len(res.output.strip().splitlines()) == 1


@pytest.mark.slow
def test_report_writes_html_with_banner(tmp_path):
    res = runner.invoke(app, ["report", "--out", str(tmp_path / "r")])
    assert res.exit_code == 0, res.output
    html = (tmp_path / "r" / "index.html").read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert 'id="example-banner"' in html
    # the terminal says so too, as the other commands do
    assert "EXAMPLE DATA" in res.output


def test_report_rejects_unknown_section(tmp_path):
    res = runner.invoke(app, ["report", "--out", str(tmp_path), "--sections", "nope"])
    assert res.exit_code == 1 and "unknown report section" in res.output
    assert not (tmp_path / "index.html").exists()


def test_position_example_with_agreement(tmp_path):
    out, agr = tmp_path / "pos.csv", tmp_path / "agr.csv"
    args = [
        "position",
        "--years",
        "2019",
        "--method",
        "income_ppp,cp_continuous",
        "--out",
        str(out),
        "--agreement",
        str(agr),
    ]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    df = pd.read_csv(out)
    assert list(df.columns) == ["iso3", "year", "method", "zone", "score"]
    assert set(df["method"]) == {"income_ppp", "cp_continuous"}
    assert set(df["zone"]) <= {"core", "semi-periphery", "periphery"}
    ag = pd.read_csv(agr)
    assert {"method_a", "method_b", "ari", "kappa"} <= set(ag.columns)


def test_position_unknown_method():
    res = runner.invoke(app, ["position", "--years", "2019", "--method", "astrology"])
    assert res.exit_code == 1 and "astrology" in res.output


def test_exchange_example_north_drains_south(tmp_path):
    out, bil = tmp_path / "ex.csv", tmp_path / "bil.csv"
    res = runner.invoke(app, ["exchange", "--out", str(out), "--bilateral", str(bil)])
    assert res.exit_code == 0, res.output
    df = pd.read_csv(out)
    for col in (
        "iso3",
        "year",
        "hours_exported",
        "hours_imported",
        "net_hours",
        "value_added_exported_musd",
        "value_added_imported_musd",
        "net_transfer_musd",
        "basis",
    ):
        assert col in df.columns
    # the example world plants a drain from the periphery to the core (the "North" here)
    by_group = df.groupby("group")["net_hours"].sum()
    assert by_group["South"] > 0 > by_group["North"]
    assert abs(df["net_hours"].sum()) < 1e-6 * df["hours_exported"].sum()
    assert {"iso3_o", "iso3_d", "year"} <= set(pd.read_csv(bil).columns)


def test_exchange_erdi_example(tmp_path):
    out = tmp_path / "erdi.csv"
    res = runner.invoke(app, ["exchange", "erdi", "--years", "2010", "--out", str(out)])
    assert res.exit_code == 0, res.output
    df = pd.read_csv(out)
    assert list(df.columns[:5]) == ["iso3", "year", "erdi", "transfer_musd", "transfer_share_gdp"]
    assert (df["erdi"] > 0).all()


def test_shock_needs_wiod_on_example_world():
    res = runner.invoke(app, ["shock", "nord_stream"])
    assert res.exit_code == 1
    assert "wiod2013" in res.output and "worldsystem data fetch wiod2013" in res.output


def test_imperialism_example_and_bad_weights(tmp_path):
    out = tmp_path / "imp.csv"
    args = ["imperialism", "--years", "2019", "--draws", "50", "--out", str(out)]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    df = pd.read_csv(out)
    comp = df[df["indicator"] == "composite"]
    assert len(comp) == 30
    assert ((comp["rank_lo"] <= comp["rank"]) & (comp["rank"] <= comp["rank_hi"])).mean() > 0.8
    unsupported = df[df["status"].str.startswith("not supported", na=False)]
    assert unsupported["value"].isna().all() and len(unsupported) > 0
    res = runner.invoke(app, ["imperialism", "--weights", "milex_share_world"])
    assert res.exit_code == 1 and "INDICATOR=NUMBER" in res.output


def test_dependence_example():
    res = runner.invoke(app, ["dependence", "--country", "XBO", "--on", "XKR", "--years", "2019"])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[0].startswith("iso3,partner,year")


def test_claims_example_and_user_file(tmp_path):
    out = tmp_path / "ledger.csv"
    res = runner.invoke(app, ["claims", "--out", str(out)])
    assert res.exit_code == 0, res.output
    df = pd.read_csv(out)
    cols = [
        "claim_id",
        "source",
        "paraphrase",
        "verdict",
        "statistic",
        "value",
        "data_years",
        "caveat",
    ]
    assert list(df.columns[:8]) == cols
    assert set(df["verdict"]) <= {"supported", "contradicted", "mixed", "not testable"}
    # seed claims are about real countries: not testable on the example world
    seeds = df[~df["claim_id"].str.startswith("ex-")]
    assert len(seeds) > 0 and (seeds["verdict"] == "not testable").all()
    bad = tmp_path / "bad.yaml"
    bad.write_text("claims:\n  - id: x\n    source: me\n")
    res = runner.invoke(app, ["claims", "--file", str(bad)])
    assert res.exit_code == 1 and "bad.yaml" in res.output


def test_countries_table_renders_missing_cells(monkeypatch):
    """The plainest command: the identity table has missing ccodes and dates (NaN under
    pandas 3), which must render as blank cells, not crash rich."""
    monkeypatch.delenv("WORLDSYSTEM_DATA", raising=False)
    res = runner.invoke(app, ["countries"])
    assert res.exit_code == 0, res.output
    assert "Traceback" not in res.output and "AFG" in res.output


def test_blocs_ideal_points_compare_needs_the_published_file():
    res = runner.invoke(app, ["blocs", "ideal-points", "--compare", "--years", "2015-2019"])
    assert res.exit_code == 1
    assert "published_ideal_points" in res.output or "published" in res.output
    assert "Traceback" not in res.output


def _unvotes_folder(root, *, published: bool):
    import gzip

    import numpy as np

    # 12 countries, two sessions of 8 roll calls, positions on a line
    iso2 = ["US", "CA", "GB", "FR", "DE", "IT", "BR", "IN", "ZA", "CN", "CU", "RU"]
    cow = [2, 20, 200, 220, 255, 325, 140, 750, 560, 710, 40, 365]
    x = np.linspace(1.5, -1.5, len(iso2))
    folder = root / "unvotes"
    folder.mkdir(parents=True)
    votes, calls = (
        ["rcid,country,country_code,vote"],
        ["rcid,session,importantvote,date,unres,amend,para,short,descr"],
    )
    rng = np.random.default_rng(0)
    rcid = 0
    for session in (60, 61):
        for j in range(8):
            rcid += 1
            cut = -1.2 + 0.3 * j
            for code, xi in zip(iso2, x, strict=True):
                v = "yes" if xi + rng.normal(0, 0.2) > cut else "no"
                votes.append(f"{rcid},{code},{code},{v}")
            calls.append(
                f"{rcid},{session},0,{2005 + session - 60}-10-01,R/{session}/{j},,,"
                f'"ITEM {j}","Resolution on item {"ABCDEFGH"[j]} of the assembly"'
            )
    (folder / "un_votes.csv.gz").write_bytes(gzip.compress(("\n".join(votes) + "\n").encode()))
    (folder / "un_roll_calls.csv").write_text("\n".join(calls) + "\n")
    (folder / "un_roll_call_issues.csv").write_text("rcid,short_name,issue\n1,hr,Human rights\n")
    if published:
        rows = ['"","ccode","session","NVotesAll","IdealPointAll","iso3c","Countryname"']
        k = 0
        for session in (60, 61):
            for c, xi in zip(cow, x, strict=True):
                k += 1
                rows.append(f'"{k}",{c},{session},8,{2 * xi + 0.1:.3f},"XXX","Country {c}"')
        (folder / "IdealpointestimatesAll_Jun2024.csv").write_text("\n".join(rows) + "\n")


def test_blocs_ideal_points_compare_prints_the_agreement(tmp_path):
    _unvotes_folder(tmp_path, published=True)
    out = tmp_path / "cmp.csv"
    res = runner.invoke(
        app, ["blocs", "ideal-points", "--compare", "--data", str(tmp_path), "--out", str(out)]
    )
    assert res.exit_code == 0, res.output
    st = pd.read_csv(out).set_index("statistic")["value"]
    assert st["n_matched"] == 24
    assert st["pooled_pearson"] > 0.9
    assert {"median_within_session_r", "median_within_country_r", "sd_ratio 1992-2019"} <= set(
        st.index
    )


def test_blocs_ideal_points_compare_without_the_file_is_one_clear_line(tmp_path):
    _unvotes_folder(tmp_path, published=False)
    res = runner.invoke(app, ["blocs", "ideal-points", "--compare", "--data", str(tmp_path)])
    assert res.exit_code == 1
    assert "published ideal points not found" in res.output
    assert "IdealpointestimatesAll_Jun2024.csv" in res.output
    assert "Traceback" not in res.output


def test_shock_ces_prints_the_interval(tmp_path, monkeypatch):
    monkeypatch.delenv("WORLDSYSTEM_DATA", raising=False)
    from worldsystem.example import world

    m = world(seed=0).mrio
    spec = tmp_path / "cut.yaml"
    spec.write_text(
        "name: cut\nbase_year: 2019\ntable: example\nshocks:\n  - kind: bilateral_cut\n"
        f"    exporter: {m.regions[0]}\n    importer: {m.regions[1]}\n"
        f"    sectors: [{m.sectors[0]}]\n"
        "    size: {basis: share_of_use, share: 0.1, low: 0.05, high: 0.2, "
        "citation: bachmann2022}\n"
    )
    out = tmp_path / "ces.csv"
    res = runner.invoke(app, ["shock", str(spec), "--engine", "ces", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert f"ces {m.regions[1]}: lambda" in res.output and "(sigma 0.04)" in res.output
    assert "shortfall c 5.0%-20.0%" in res.output
    df = pd.read_csv(out)
    assert set(df["engine"]) == {"ces"}
    lost = df.groupby("iso3")["gdp_share_lost"].first()
    assert lost[m.regions[1]] > 0 and (lost.drop(m.regions[1]) == 0).all()
    bad = runner.invoke(app, ["shock", str(spec), "--engine", "cez"])
    assert bad.exit_code == 1 and "unknown engine" in bad.output and "'cez'" in bad.output


def test_claims_user_file_with_alternatives_fitness_and_quote(tmp_path, monkeypatch):
    """A researcher's own YAML, no Python: the ledger shows the quote, the
    interval, the robustness count, each alternative's verdict and the fitness
    check (example world; the planted leader XKR leads CINC, GDP and milex)."""
    monkeypatch.delenv("WORLDSYSTEM_DATA", raising=False)
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        """
data: example
claims:
  - id: my-1
    source: my notes
    paraphrase: XKR leads on capabilities.
    quote: "XKR is the hegemon."
    about_year: 2019
    statistic: leader
    params: {indices: [cinc]}
    comparison: "=="
    target: XKR
    alternatives:
      - {name: GDP, params: {indices: [gdp]}}
      - {name: a different leader, params: {indices: [milex]}, target: XZA}
  - id: my-2
    source: my notes
    paraphrase: A published share of 0.4 with its confidence interval.
    about_year: 2019
    statistic: constant
    params: {value: 0.4, interval: [0.1, 0.7], checks: {share: 0.4}}
    comparison: ">"
    target: 0.3
    fitness:
      - {quantity: share, reference: 0.42, citation: my source, what: the share}
""",
        encoding="utf-8",
    )
    out = tmp_path / "mine.csv"
    res = runner.invoke(app, ["claims", "--file", str(mine), "--out", str(out)])
    assert res.exit_code == 0, res.output
    df = pd.read_csv(out).set_index("claim_id")
    assert list(df.index) == ["my-1", "my-2"]
    one = df.loc["my-1"]
    # XKR leads milex too, so the third operationalisation (target XZA) contradicts:
    # 2 of 3 agree, a majority -> supported
    assert one["verdict"] == "supported" and one["robustness"] == "2 of 3 agree"
    assert one["seed_quote"] == "XKR is the hegemon."
    assert "a different leader: contradicted" in one["alternatives"]
    two = df.loc["my-2"]
    # 0.4 > 0.3, but the interval [0.1, 0.7] crosses 0.3 -> mixed; the share is fit
    assert two["verdict"] == "mixed"
    assert (two["interval_low"], two["interval_high"]) == (0.1, 0.7)
    assert two["fitness"].startswith("fit: the share is 0.4 in the data against 0.42")
    # the provenance sidecar records the evaluator's settings
    side = json.loads((tmp_path / "mine.csv.provenance.json").read_text())
    names = [m["name"] for m in side["provenance"]["methods"]]
    assert "claims.evaluate" in names and "claims.leader" in names
