"""Hostile YAML in both spec loaders: refused at once, one clear error, values cut short.

Claims files (:func:`worldsystem.claims.spec.load_claims`) and scenarios
(:func:`worldsystem.simulate.scenario.load_scenario`) both read through
:mod:`worldsystem.core.yamlsafe`.
"""

from __future__ import annotations

import time

import pytest

from worldsystem.claims.spec import load_claims
from worldsystem.core import yamlsafe
from worldsystem.core.errors import SchemaError
from worldsystem.simulate.scenario import load_scenario

CLAIM = """\
claims:
  - id: x1
    source: notes
    paraphrase: two and two
    about_year: 2020
    statistic: constant
    params: {value: 4}
    comparison: ">"
    target: 3
    tolerance: 0
"""

SCENARIO = """\
name: s
description: d
base_year: 2000
table: example
shocks:
  - kind: capacity_loss
    region: XKR
    sectors: all
    percent: 10
"""

#: the "billion laughs": 9 levels of 9 aliases (9**9 strings once expanded)
_LAUGHS = "\n".join(
    ['l0: &l0 "lol"']
    + [f"l{i}: &l{i} [{', '.join(['*l' + str(i - 1)] * 9)}]" for i in range(1, 10)]
)
#: few aliases, exponential expansion: 2 aliases per level, 40 levels
_DOUBLING = "\n".join(
    ["d0: &d0 [x, x]"] + [f"d{i}: &d{i} [*d{i - 1}, *d{i - 1}]" for i in range(1, 40)]
)


CLAIM_FIELDS = ["id", "source", "paraphrase", "about_year", "params", "target", "tolerance"]
SCENARIO_FIELDS = ["name", "description", "base_year", "table", "region", "sectors", "percent"]


def _with_bomb(template: str, field: str, bomb: str, ref: str) -> str:
    """Put the bomb's anchors and a reference to the last one in ``field``'s value."""
    anchors = []
    for line in bomb.splitlines():
        anchors.append(line.partition(": ")[2])  # "&lN [..]" or '&l0 "lol"'
    value = "[" + ", ".join(anchors) + f", {ref}]"
    out = []
    done = False
    for line in template.splitlines():
        s = line.lstrip()
        head = s[2:] if s.startswith("- ") else s
        if not done and head.startswith(f"{field}:"):
            prefix = line[: len(line) - len(head)]
            line = f"{prefix}{field}: {value}"
            done = True
        out.append(line)
    assert done, field
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("bomb", [_LAUGHS, _DOUBLING], ids=["laughs", "doubling"])
@pytest.mark.parametrize("field", CLAIM_FIELDS)
def test_claims_bomb_in_every_field(field, bomb):
    ref = "*l9" if bomb is _LAUGHS else "*d39"
    text = _with_bomb(CLAIM, field, bomb, ref)
    t0 = time.perf_counter()
    with pytest.raises(SchemaError) as err:
        load_claims(text)
    assert time.perf_counter() - t0 < 10  # refused, not expanded (was > 90 s)
    assert "alias" in str(err.value) or "expands" in str(err.value)
    assert len(str(err.value)) < 400


@pytest.mark.parametrize("bomb", [_LAUGHS, _DOUBLING], ids=["laughs", "doubling"])
@pytest.mark.parametrize("field", SCENARIO_FIELDS)
def test_scenario_bomb_in_every_field(field, bomb):
    ref = "*l9" if bomb is _LAUGHS else "*d39"
    text = _with_bomb(SCENARIO, field, bomb, ref)
    with pytest.raises(SchemaError) as err:
        load_scenario(text)
    assert "alias" in str(err.value) or "expands" in str(err.value)
    assert len(str(err.value)) < 400


def test_a_few_aliases_are_fine():
    text = SCENARIO.replace("region: XKR", "region: &r XKR") + (
        "  - kind: capacity_loss\n    region: *r\n    sectors: all\n    percent: 5\n"
    )
    assert [s.region for s in load_scenario(text).shocks] == ["XKR", "XKR"]


@pytest.mark.parametrize("loader", [load_claims, load_scenario])
@pytest.mark.parametrize("opener", ["[", "{a: "])
def test_deep_nesting_is_refused(loader, opener):
    closer = "]" if opener == "[" else "}"
    text = "x: " + opener * 20_000 + "1" + closer * 20_000 + "\n"
    with pytest.raises(SchemaError, match="nested deeper"):
        loader(text)


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['echo pwned']",
        "!!python/object:builtins.object {}",
        "!!python/name:os.system",
        "!!binary aGVsbG8=",
        "!custom 1",
    ],
)
@pytest.mark.parametrize("loader", ["claims", "scenario"])
def test_tags_are_refused(tmp_path, tag, loader):
    if loader == "claims":
        text = CLAIM.replace("source: notes", f"source: {tag}")
        with pytest.raises(SchemaError, match="tag"):
            load_claims(text)
    else:
        text = SCENARIO.replace("description: d", f"description: {tag}")
        with pytest.raises(SchemaError, match="tag"):
            load_scenario(text)
    assert not (tmp_path / "pwned").exists()


def test_latin1_files_name_the_file_and_byte(tmp_path):
    for name, text, loader in (
        ("c.yaml", CLAIM.replace("notes", "Écrits de Sève"), load_claims),
        ("s.yaml", SCENARIO.replace("description: d", "description: Été"), load_scenario),
    ):
        p = tmp_path / name
        p.write_bytes(text.encode("latin-1"))
        with pytest.raises(SchemaError, match="not UTF-8") as err:
            loader(p)
        assert name in str(err.value) and "byte" in str(err.value)


def test_oversized_files_are_refused_unread(tmp_path):
    p = tmp_path / "big.yaml"
    p.write_text(CLAIM + "#" * (yamlsafe.MAX_BYTES + 1))
    with pytest.raises(SchemaError, match="at most"):
        load_claims(p)
    q = tmp_path / "big_scenario.yaml"
    q.write_text(SCENARIO + "#" * (yamlsafe.MAX_BYTES + 1))
    with pytest.raises(SchemaError, match="at most"):
        load_scenario(q)


def test_exponent_numbers_are_numbers():
    root, construct = yamlsafe.compose("a: 1e5\nb: 2.5E-3\nc: -3e+2\nd: 1_000\ne: e5\n", "<t>")
    v = construct(root)
    assert v == {"a": 1e5, "b": 2.5e-3, "c": -300.0, "d": 1000, "e": "e5"}
    claims = load_claims(
        CLAIM.replace("target: 3", "target: 1e0").replace("tolerance: 0", "tolerance: 1e-3")
    )
    assert claims[0].target == 1.0 and claims[0].tolerance == 1e-3
    s = load_scenario(SCENARIO.replace("percent: 10", "percent: 1e1"))
    assert s.shocks[0].percent == 10.0


@pytest.mark.parametrize(
    ("old", "new", "match"),
    [
        ("tolerance: 0", "tolerance: .nan", "finite"),
        ("tolerance: 0", "tolerance: .inf", "finite"),
        ("tolerance: 0", "tolerance: -1", "finite number >= 0"),
        ("about_year: 2020", "about_year: 99999", "year from"),
        ("about_year: 2020", "about_year: -5", "year from"),
        ("params: {value: 4}", "params: {value: 4, vaule: 5}", "unknown parameter"),
        ("params: {value: 4}", "params: {}", "missing parameter"),
        ("params: {value: 4}", "params: {value: .nan}", "finite"),
    ],
)
def test_claim_values_are_checked(old, new, match):
    with pytest.raises(SchemaError, match=match):
        load_claims(CLAIM.replace(old, new))


@pytest.mark.parametrize(
    ("old", "new", "match"),
    [
        ("percent: 10", "percent: .nan", "finite"),
        ("base_year: 2000", "base_year: 99999", "year from"),
        ("base_year: 2000", "base_year: 1e3", "integer"),
        ("shocks:", "engine_options: {cascade: {treshold: 0.1}}\nshocks:", "unknown field"),
        ("shocks:", "engine_options: {cascade: {tol: .nan}}\nshocks:", "finite"),
        ("shocks:", "engine_options: {leontief: {max_rank: -1}}\nshocks:", "positive"),
        ("shocks:", "engine_options: {warp: {}}\nshocks:", "unknown field"),
    ],
)
def test_scenario_values_are_checked(old, new, match):
    with pytest.raises(SchemaError, match=match):
        load_scenario(SCENARIO.replace(old, new))


def test_membership_year_is_bounded():
    text = SCENARIO.replace(
        """  - kind: capacity_loss
    region: XKR
    sectors: all
    percent: 10""",
        """  - kind: sanctions
    group_a: [XKR]
    group_b: [XBO]
    percent: 10
    membership_year: 3000""",
    )
    with pytest.raises(SchemaError, match="membership data"):
        load_scenario(text)


def test_error_messages_cut_long_values():
    long = "A" * 100_000
    with pytest.raises(SchemaError) as err:
        load_scenario(SCENARIO.replace("region: XKR", f"region: {long}"))
    assert len(str(err.value)) < 600
    with pytest.raises(SchemaError) as err:
        load_scenario(SCENARIO.replace("percent: 10", f"percent: [{', '.join(['1'] * 5000)}]"))
    assert len(str(err.value)) < 600
    with pytest.raises(SchemaError) as err:
        load_claims(CLAIM.replace("id: x1", f"id: [{long}]"))
    assert len(str(err.value)) < 600


def test_many_aliases_are_refused():
    anchors = "a: &a 1\n" + "".join(f"k{i}: *a\n" for i in range(yamlsafe.MAX_ALIASES + 1))
    with pytest.raises(SchemaError, match=f"more than {yamlsafe.MAX_ALIASES} aliases"):
        yamlsafe.compose(anchors, "<t>")
    root, construct = yamlsafe.compose("a: &a 1\nb: *a\n", "<t>")
    assert construct(root) == {"a": 1, "b": 1}


def test_hostile_specs_from_the_cli_are_one_line(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from worldsystem.cli import app

    monkeypatch.delenv("WORLDSYSTEM_DATA", raising=False)
    claims = tmp_path / "bomb.yaml"
    claims.write_text(_with_bomb(CLAIM, "paraphrase", _LAUGHS, "*l9"))
    scen = tmp_path / "deep.yaml"
    scen.write_text("name: " + "[" * 20_000 + "]" * 20_000 + "\n")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(SCENARIO.replace("description: d", "description: Été").encode("latin-1"))
    for args, name in (
        (["claims", "--file", str(claims)], "bomb.yaml"),
        (["shock", str(scen)], "deep.yaml"),
        (["shock", str(latin)], "latin.yaml"),
    ):
        res = CliRunner().invoke(app, args)
        lines = [ln for ln in res.stderr.splitlines() if not ln.startswith("EXAMPLE DATA")]
        assert res.exit_code == 1 and "Traceback" not in res.output, res.output
        assert len(lines) == 1 and name in lines[0], res.stderr
