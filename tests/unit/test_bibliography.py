"""One bibliography: every citation key used in src/ resolves to a full reference."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import worldsystem
from worldsystem.core import bibliography as bib
from worldsystem.core.errors import WorldsystemError

SRC = Path(worldsystem.__file__).parent

# What counts as "citing": a keyword argument or parameter named like these, the
# third argument of ``with_method``/``MethodRecord.make``, and assignments to
# names like ``_CITE_X``/``_CITATIONS``/``cites`` (dict values, tuple items).
_KEYWORDS = {"citations", "citation_key", "cites"}
_CITE_NAME = re.compile(r"^_?(CITE\w*|CITATIONS|cites|citations)$", re.IGNORECASE)
_KEYLIKE = re.compile(r"^[a-z][a-z0-9_]*$")  # keys, not full references or prose


def _strings(node: ast.AST, out: set[str]) -> None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if _KEYLIKE.match(node.value):
            out.add(node.value)
    elif isinstance(node, ast.Dict):
        for value in node.values:
            _strings(value, out)
    elif isinstance(node, ast.Subscript):
        _strings(node.value, out)
    elif isinstance(node, ast.Tuple | ast.List | ast.Set | ast.BinOp | ast.IfExp | ast.Starred):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                _strings(child, out)


def _keys_in_module(tree: ast.AST) -> set[str]:
    positions = {"with_method": 2, "make": 2}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names = [a.arg for a in node.args.posonlyargs + node.args.args]
            for i, name in enumerate(names):
                if name in _KEYWORDS:
                    positions[node.name] = i
    keys: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and _CITE_NAME.match(t.id) for t in targets):
                _strings(node.value, keys)
        elif isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg in _KEYWORDS:
                    _strings(kw.value, keys)
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            pos = positions.get(name)
            if pos is not None and len(node.args) > pos:
                _strings(node.args[pos], keys)
    return keys


def used_keys() -> dict[str, set[str]]:
    """Citation key -> the files under src/worldsystem that cite it."""
    found: dict[str, set[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        for key in _keys_in_module(ast.parse(path.read_text("utf-8"))):
            found.setdefault(key, set()).add(str(path.relative_to(SRC)))
    # YAML files (claims, scenarios) may cite under a ``citations``/``cites`` key
    import yaml

    def walk(obj, where):
        if isinstance(obj, dict):
            for k, v in obj.items():
                if k in _KEYWORDS:
                    for key in [v] if isinstance(v, str) else list(v or ()):
                        found.setdefault(key, set()).add(where)
                else:
                    walk(v, where)
        elif isinstance(obj, list):
            for v in obj:
                walk(v, where)

    for path in sorted(SRC.rglob("*.yaml")):
        walk(yaml.safe_load(path.read_text("utf-8")), str(path.relative_to(SRC)))
    return found


def test_the_scan_finds_keys_in_every_citing_layer():
    where = {f.split("/")[0] for files in used_keys().values() for f in files}
    assert {"sources", "measures", "simulate"} <= where
    keys = used_keys()
    # spot checks of each way of citing
    assert "singer1972" in keys  # catalogue citation_key=
    assert "miller2009" in keys  # simulate _CITATIONS tuple
    assert "cohen1960coefficient" in keys  # a dict of tuples (_CITE in measures/position)
    assert "hobson1902" in keys  # a positional argument bound to a ``cites`` parameter


def test_every_key_used_in_src_resolves():
    unresolved = {}
    for key, files in used_keys().items():
        try:
            bib.resolve(key)
        except WorldsystemError:
            unresolved[key] = sorted(files)
    assert unresolved == {}, f"add these to worldsystem.core.bibliography: {unresolved}"


def test_every_catalogue_key_is_canonical():
    from worldsystem.sources import all_info

    for info in all_info():
        assert info.citation_key in bib.REFERENCES, info.id


def test_one_key_style():
    for key, ref in bib.REFERENCES.items():
        assert bib.KEY_STYLE.match(key), key
        assert ref.key == key
        if ref.year is not None:
            assert str(ref.year) in key, key  # authorYEARword: the year is in the key
        else:
            assert key.isalpha(), key  # an undated dataset: the organisation alone


def test_aliases_point_at_canonical_keys_and_are_not_canonical():
    for alias, key in bib.ALIASES.items():
        assert key in bib.REFERENCES, alias
        assert alias not in bib.REFERENCES, alias


def test_same_work_same_reference():
    assert bib.resolve("miller_blair_2009") is bib.resolve("miller2009")
    assert bib.resolve("singer1972capability") is bib.resolve("singer1972")
    assert bib.resolve("cow_nmc") is bib.resolve("singer1972")


def test_reference_text_is_full():
    text = bib.reference("miller2009")
    assert text.startswith("Miller, R. E., & Blair, P. D. (2009). Input-Output Analysis")
    assert "Cambridge University Press" in text and "doi:10.1017/CBO9780511626982" in text
    assert "(n.d.)" in bib.reference("gapminder")


def test_unknown_key_is_a_clear_error():
    with pytest.raises(WorldsystemError, match="unknown citation key") as err:
        bib.resolve("nobody1999")
    assert err.value.field == "citation" and err.value.value == "nobody1999"
    assert bib.references(["nobody1999", "miller2009"], strict=False)[0].key == "miller2009"


def test_references_dedupe_and_sort():
    refs = bib.references(["miller_blair_2009", "cohen_1960", "miller2009", "waltz1979theory"])
    assert [r.key for r in refs] == ["cohen1960coefficient", "miller2009", "waltz1979theory"]


# ------------------------------------------------------------------ report appendix
@pytest.mark.slow
def test_report_appendix_lists_full_references(tmp_path, monkeypatch):
    from worldsystem.core.provenance import Provenance
    from worldsystem.report import build_report
    from worldsystem.report.context import resolve_context
    from worldsystem.report.sections import _REGISTRY, SectionOutput, register

    monkeypatch.delenv("WORLDSYSTEM_DATA", raising=False)
    cites = ("miller_blair_2009", "miller2009", "cohen_1960", "nobody1999")

    @register("cites", "Cites", order=997)
    def _cites(c):
        return SectionOutput(paragraphs=["x"], provenance=Provenance(citations=cites))

    try:
        text = build_report(
            out=tmp_path, context=resolve_context(None), sections=["cites"]
        ).read_text("utf-8")
    finally:
        _REGISTRY.pop("cites")
    appendix = text[text.index('id="works-cited"') :]
    appendix = appendix[: appendix.index("</ol>")]
    assert "Works cited (keys)" not in text
    # Miller & Blair once (two keys, one work), in full, and Cohen before Miller
    assert appendix.count("Input-Output Analysis: Foundations and Extensions") == 1
    assert appendix.index("Cohen, J. (1960)") < appendix.index("Miller, R. E., &amp; Blair")
    assert "doi:10.1177/001316446002000104" in appendix
    assert "nobody1999" in appendix  # unknown keys are still listed, as keys


def test_no_code_cites_an_alias():
    """Aliases exist for saved provenance files; the package cites canonical keys only."""
    aliased = {k: sorted(f) for k, f in used_keys().items() if k in bib.ALIASES}
    assert not aliased, aliased
