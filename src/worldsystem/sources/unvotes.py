"""UN General Assembly roll-call votes (Voeten), sessions 1-74, 1946-2019.

Files (``unvotes/`` in the data directory, layout of the ``unvotes`` R package):

- ``un_votes.csv.gz``: ``rcid, country, country_code, vote``, one row per country
  vote (absences and non-membership are not rows);
- ``un_roll_calls.csv``: ``rcid, session, importantvote, date, unres, amend, para,
  short, descr``;
- ``un_roll_call_issues.csv``: ``rcid, short_name, issue``.
- optional, ``IdealpointestimatesAll_Jun2024.csv``: the published Bailey-Strezhnev-
  Voeten ideal points (Harvard Dataverse, hdl:1902.1/12379, June 2024 release), read
  by :func:`load_published_ideal_points` for ``worldsystem blocs ideal-points
  --compare``; not needed otherwise.

Returned columns of :func:`load`
--------------------------------
``rcid`` (int64), ``iso3`` (str), ``country`` (category), ``country_code`` (ISO2 as
released, category; ``"NA"`` is Namibia, not missing), ``vote`` (ordered categorical
with categories ``no < abstain < yes``) and ``vote_code`` (int8: yes = 2,
abstain = 1, no = 0, so a higher code means more agreement with the resolution).

ISO3 conversion: ISO2 codes go through :func:`worldsystem.countries.convert`
(``source="iso2"``); withdrawn ISO2 codes in the file (SU, YU, CS, DD, YD) that the
API does not know are converted through their COW codes (365, 345, 315, 265, 680), so
they follow the project's COW rules. The three rows without a code are named explicitly: Federal
Republic of Germany -> ``DEU``, Yemen Arab Republic -> ``YEM`` (the ISO3 of the
successor; the People's Democratic Republic of Yemen keeps its own ISO2 ``YD``), and
Zanzibar (a UN member from December 1963 until its union with Tanganyika in April
1964) is converted by name through the countries API; if that gives no code it is
kept with ``iso3`` missing and counted in a provenance note. Any other code that does
not convert is a :class:`~worldsystem.core.errors.SchemaError`. Key
``(rcid, country)``; ``(rcid, iso3)`` is checked too.

Voeten's own files (Harvard Dataverse hdl:1902.1/12379) are read too, detected by
content, alone or in the Dataverse whole-dataset zip
(``dataverse_hdl-1902.1-12379.zip``, what ``worldsystem data fetch`` downloads):
the country-vote table ``UNVotes*.csv`` (``rcid, ccode, member, vote, Country,
Countryname, session, ..., date, unres, amend, para, short, descr, me, nu, di, hr,
co, ec``) or ``RawVotingdata*.tab`` (``rcid, session, ccode, vote``). The mapping:

- ``vote``: Voeten's codes 1 = yes, 2 = abstain, 3 = no (:data:`VOETEN_VOTES`);
  8 (absent) and 9 (not a member) are dropped, as in the unvotes layout; any other
  code is an error;
- ``country_code``: ISO2 of the COW ``ccode`` in the vote's year (year of ``date``,
  else ``session + 1945``) through :func:`worldsystem.countries.convert`; the
  countries table gives the withdrawn codes for the GDR (DD), Czechoslovakia (CS)
  and South Yemen (YD), but **RU for the USSR and RS for Yugoslavia** where the
  unvotes package writes SU and YU (the ISO3, RUS and SRB, is the same either
  way); Zanzibar (COW 511) has no ISO2 and is handled by name as above;
- ``country``: Voeten's ``Countryname`` when the file has it, else the countries
  table's name of the COW code (the unvotes package used countrycode's names, so
  names can differ, e.g. ``United States`` vs ``United States of America``);
- roll calls and issues: from the roll-call columns ``UNVotes*.csv`` repeats on
  every row (first row per ``rcid``; issues where ``me ... ec`` is 1).
  ``RawVotingdata`` has no descriptions; Voeten's separate descriptions and
  ideal-point files are not read.

These layouts were taken from public readers of the Dataverse files (two
independent descriptions of ``UNVotes.csv``'s columns and vote codes), not from
the files' bytes, which were not available here; a file that differs fails
with an error naming the missing column.

Reading uses categorical dtypes so the 870,109 rows load in well under a second.

Citation: Voeten, E., Strezhnev, A., Bailey, M. (2009), "United Nations General
Assembly Voting Data", Harvard Dataverse, hdl:1902.1/12379; Voeten, E. (2013), "Data
and Analyses of Voting in the UN General Assembly", in *Routledge Handbook of
International Organization*.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from worldsystem.core.errors import SchemaError, SourceError
from worldsystem.core.schema import check_unique, require_columns
from worldsystem.sources import _cow, base, formats
from worldsystem.sources.base import SourceInfo

__all__ = [
    "INFO",
    "ISSUES",
    "PUBLISHED_IDEAL_POINTS",
    "VOTE_CODES",
    "load",
    "load_issues",
    "load_published_ideal_points",
    "load_roll_calls",
]

#: File name of the published ideal points in ``unvotes/`` (Dataverse, June 2024).
PUBLISHED_IDEAL_POINTS = "IdealpointestimatesAll_Jun2024.csv"

#: vote -> vote_code
VOTE_CODES = {"no": 0, "abstain": 1, "yes": 2}
#: issue short names of ``un_roll_call_issues.csv``
ISSUES = {
    "me": "Palestinian conflict",
    "nu": "Nuclear weapons and nuclear material",
    "di": "Arms control and disarmament",
    "hr": "Human rights",
    "co": "Colonialism",
    "ec": "Economic development",
}
#: Withdrawn ISO 3166 alpha-2 codes used in the file, and the COW code of the same
#: state; they are converted through the COW rules of :mod:`worldsystem.countries`
#: (USSR -> RUS, Yugoslavia 345 -> SRB ...) when the ISO2 conversion does not know them.
_WITHDRAWN_ISO2 = {"SU": 365, "YU": 345, "CS": 315, "DD": 265, "YD": 680}
#: Countries released without an ISO2 code, and their ISO3.
_NO_CODE = {"Federal Republic of Germany": "DEU", "Yemen Arab Republic": "YEM"}

INFO = SourceInfo(
    id="unvotes",
    name="UN General Assembly Voting Data",
    version="2021 (sessions 1-74)",
    licence="CC0 (Voeten data); MIT (unvotes package)",
    citation=(
        'Voeten, E., Strezhnev, A., Bailey, M. (2009), "United Nations General Assembly '
        'Voting Data", Harvard Dataverse, hdl:1902.1/12379. Voeten, E. (2013), "Data and '
        'Analyses of Voting in the UN General Assembly", in Routledge Handbook of '
        "International Organization."
    ),
    citation_key="voeten2009",
    url="https://dataverse.harvard.edu/dataset.xhtml?persistentId=hdl:1902.1/12379",
    files=("un_votes.csv.gz", "un_roll_calls.csv", "un_roll_call_issues.csv"),
    description=(
        "Roll-call votes of the UN General Assembly, 1946-2019, in the layout of the "
        "unvotes R package (built from Voeten's UNVotes2021.RData). The Dataverse release "
        "is an RData file, not this layout, so no download is listed."
    ),
    units={"vote_code": "yes=2, abstain=1, no=0"},
    downloads=(),
    optional_files=(PUBLISHED_IDEAL_POINTS,),
    years=(1946, 2019),
    official={
        "un_votes.csv.gz": (
            "UNVotes*.csv",
            "RawVotingdata*.tab",
            "RawVotingdata*.csv",
            "dataverse_hdl-1902.1-12379*.zip",
        ),
        # only the country-vote file repeats the roll-call columns
        "un_roll_calls.csv": ("UNVotes*.csv", "dataverse_hdl-1902.1-12379*.zip"),
        "un_roll_call_issues.csv": ("UNVotes*.csv", "dataverse_hdl-1902.1-12379*.zip"),
    },
)

# --------------------------------------------------------------------------- Voeten's files
#: Voeten's vote codes -> this layout's votes; 8 (absent) and 9 (not a member) are
#: not rows here, as in the unvotes package.
VOETEN_VOTES = {1: "yes", 2: "abstain", 3: "no", 8: None, 9: None}
_VOETEN_MEMBERS = ("UNVotes*.csv", "RawVotingdata*.tab", "RawVotingdata*.csv")
_ROLL_CALL_COLS = (
    "rcid", "session", "importantvote", "date", "unres", "amend", "para", "short", "descr",
)  # fmt: skip


def _voeten_votes(df: pd.DataFrame, where: str) -> pd.DataFrame:
    """Voeten's country-vote rows (``rcid, ccode, vote`` ...) -> ``rcid, country,
    country_code, vote`` (see the module docstring for the mapping)."""
    if "country_code" in df.columns:  # the tidy layout inside a zip
        return df.astype({c: "category" for c in ("country", "country_code", "vote")})
    require_columns(df, ["rcid", "ccode", "vote"], name=where)
    base.numeric(df, ["vote"], file=where, integer=True)
    bad = df["vote"].isna() | ~df["vote"].isin(list(VOETEN_VOTES))
    if bad.any():
        raise SchemaError(
            "vote code must be 1 (yes), 2 (abstain), 3 (no), 8 (absent) or 9 (not a member)",
            file=where,
            field="vote",
            value=df.loc[bad, "vote"].iloc[0],
        )
    df = df[df["vote"].isin([1, 2, 3])].reset_index(drop=True)
    _cow.require_int(df, ["ccode"], file=where, min_value=1, max_value=999)
    if "date" in df.columns:
        year = pd.to_datetime(df["date"], errors="coerce").dt.year
    elif "session" in df.columns:
        base.numeric(df, ["session"], file=where, integer=True, min_value=1)
        year = df["session"] + 1945  # session 1 = 1946
    else:
        year = pd.Series(np.nan, index=df.index)
    pairs = pd.DataFrame({"ccode": df["ccode"], "year": year.astype("Float64")})
    pairs = pairs.drop_duplicates(ignore_index=True)
    from worldsystem.countries import convert

    yr = pairs["year"].astype("float64").to_numpy()
    yr_arg = None if np.isnan(yr).all() else yr
    pairs["country_code"] = convert(
        pairs["ccode"].to_numpy(), source="cow", target="iso2", year=yr_arg, errors="coerce"
    )
    pairs["name"] = convert(
        pairs["ccode"].to_numpy(), source="cow", target="name", year=yr_arg, errors="coerce"
    )
    if pairs["name"].isna().any():
        raise SchemaError(
            "COW country code not known to the country table",
            file=where,
            field="ccode",
            value=int(pairs.loc[pairs["name"].isna(), "ccode"].iloc[0]),
        )
    m = pd.DataFrame({"ccode": df["ccode"], "year": year.astype("Float64")}).merge(
        pairs, on=["ccode", "year"], how="left"
    )
    country = df["Countryname"] if "Countryname" in df.columns else m["name"]
    return pd.DataFrame(
        {
            "rcid": df["rcid"],
            "country": pd.Series(country.to_numpy(), dtype="category"),
            "country_code": pd.Series(m["country_code"].to_numpy(), dtype="category"),
            "vote": pd.Series(df["vote"].map(VOETEN_VOTES).to_numpy(), dtype="category"),
        }
    )


def _voeten_roll_calls(df: pd.DataFrame, where: str) -> pd.DataFrame:
    """One row per ``rcid`` of the roll-call columns Voeten's ``UNVotes.csv`` repeats."""
    if "ccode" not in df.columns:  # the tidy layout inside a zip
        return df
    require_columns(df, _ROLL_CALL_COLS, name=where)
    return df.drop_duplicates("rcid", ignore_index=True)


def _voeten_issues(df: pd.DataFrame, where: str) -> pd.DataFrame:
    """Voeten's 0/1 issue columns ``me, nu, di, hr, co, ec`` -> ``rcid, short_name, issue``."""
    if "short_name" in df.columns:
        return df
    require_columns(df, ["rcid", *ISSUES], name=where)
    calls = df.drop_duplicates("rcid", ignore_index=True)
    long = calls.melt(id_vars=["rcid"], value_vars=list(ISSUES), var_name="short_name")
    base.numeric(long, ["value"], file=where, min_value=0, max_value=1)
    long = long[long["value"] == 1]
    return pd.DataFrame(
        {
            "rcid": long["rcid"].to_numpy(),
            "short_name": long["short_name"].to_numpy(),
            "issue": long["short_name"].map(ISSUES).to_numpy(),
        }
    )


_VOTE_DTYPE = {"country": "category", "country_code": "category", "vote": "category"}
VOTES = formats.Spec(
    filename="un_votes.csv.gz",
    tidy=lambda p: base.read_csv(
        p, required=("rcid", "country", "country_code", "vote"), dtype=_VOTE_DTYPE
    ),
    tidy_kinds=("gzip",),
    members=_VOETEN_MEMBERS,
    convert=_voeten_votes,
)
ROLL_CALLS = formats.Spec(
    filename="un_roll_calls.csv",
    tidy=lambda p: base.read_csv(p, required=_ROLL_CALL_COLS),
    members=("UNVotes*.csv",),
    convert=_voeten_roll_calls,
)
ISSUE_TAGS = formats.Spec(
    filename="un_roll_call_issues.csv",
    tidy=lambda p: base.read_csv(p, required=("rcid", "short_name", "issue")),
    members=("UNVotes*.csv",),
    convert=_voeten_issues,
)


def load(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Country votes on each roll call.

    Parameters
    ----------
    data
        Data directory (default: ``$WORLDSYSTEM_DATA`` / the fetch cache).

    Returns
    -------
    pandas.DataFrame
        ``rcid, iso3, country, country_code, vote, vote_code`` in file order, with
        provenance.

    Raises
    ------
    SourceError
        Absent, empty, truncated or unreadable file.
    SchemaError
        Missing column, non-integer ``rcid``, a vote other than yes/abstain/no, a
        missing country name, an ISO2 code that does not convert, or a repeated
        ``(rcid, country)`` / ``(rcid, iso3)``.
    """
    found = formats.load_table(INFO, VOTES, data)
    path = found.where
    cols = ["rcid", "country", "country_code", "vote"]
    df = found.frame[cols]
    _cow.require_int(df, ["rcid"], file=path, min_value=1)
    votes = df["vote"]
    unknown = [c for c in votes.cat.categories if c not in VOTE_CODES]
    if unknown or votes.isna().any():
        raise SchemaError(
            "vote must be yes, abstain or no",
            file=path,
            field="vote",
            value=unknown[0] if unknown else "",
        )
    if df["country"].isna().any():
        raise SchemaError("missing country name", file=path, field="country", value="")
    # recode through the category codes (no per-row string work)
    to_code = np.array([VOTE_CODES[c] for c in votes.cat.categories], dtype="int8")
    vote_code = to_code[votes.cat.codes.to_numpy()]
    vote = pd.Categorical.from_codes(vote_code, categories=list(VOTE_CODES), ordered=True)
    # convert per distinct (country, code) pair: 200 pairs, not 870,109 rows
    pairs = df[["country", "country_code"]].drop_duplicates(ignore_index=True)
    pairs["country"] = base.as_text(pairs["country"])
    pairs["country_code"] = base.as_text(pairs["country_code"])
    iso, _ = _cow.codes_to_iso3(
        pairs["country_code"], source="iso2", file=path, field="country_code", errors="keep"
    )
    old = iso.isna() & pairs["country_code"].isin(list(_WITHDRAWN_ISO2))
    if old.any():
        iso[old], _ = _cow.codes_to_iso3(
            pairs.loc[old, "country_code"].map(_WITHDRAWN_ISO2),
            source="cow",
            file=path,
            field="country_code",
        )
    unknown = iso.isna() & pairs["country_code"].notna()
    if unknown.any():
        raise SchemaError(
            "ISO2 code cannot be converted to ISO3",
            file=path,
            field="country_code",
            value=pairs.loc[unknown, "country_code"].iloc[0],
            hint="use ISO 3166 alpha-2 codes as in the release",
        )
    no_code = pairs["country_code"].isna()
    iso[no_code] = pairs.loc[no_code, "country"].map(_NO_CODE)
    rest = no_code & iso.isna()
    notes = []
    if rest.any():
        by_name, _ = _cow.codes_to_iso3(
            pairs.loc[rest, "country"], source="name", file=path, field="country", errors="keep"
        )
        iso[rest] = by_name
        still = pairs.loc[rest & iso.isna(), "country"].tolist()
        if still:
            n = int(df["country"].isin(still).sum())
            notes.append(f"{n} votes kept with iso3 missing (no ISO code for {still})")
    pairs["iso3"] = iso
    # map rows to pairs through integer category codes (fast on 870,109 rows)
    cc = df["country"].cat.codes.to_numpy().astype("int64")
    kc = df["country_code"].cat.codes.to_numpy().astype("int64") + 1
    row_key = cc * 10_000 + kc
    pc = pd.Categorical(pairs["country"], categories=df["country"].cat.categories).codes
    pk = pd.Categorical(pairs["country_code"], categories=df["country_code"].cat.categories).codes
    pair_key = pc.astype("int64") * 10_000 + pk.astype("int64") + 1
    pos = pd.Index(pair_key).get_indexer(row_key)
    iso_codes, iso_uniques = pd.factorize(pairs["iso3"], use_na_sentinel=True)
    row_iso = iso_codes[pos]
    out = pd.DataFrame(
        {
            "rcid": df["rcid"].to_numpy(),
            "iso3": pd.Series([*iso_uniques, None], dtype="str")
            .take(np.where(row_iso < 0, len(iso_uniques), row_iso))
            .reset_index(drop=True),
            "country": df["country"].reset_index(drop=True),
            "country_code": df["country_code"].reset_index(drop=True),
            "vote": vote,
            "vote_code": vote_code,
        }
    )
    rcid = out["rcid"].to_numpy()
    for codes_, field in ((cc, "country"), (row_iso, "iso3")):
        keep = codes_ >= 0
        if not pd.Index(rcid[keep] * 10_000 + codes_[keep]).is_unique:
            sub = out.loc[keep] if field == "iso3" else out
            check_unique(sub, ["rcid", field], name=str(path))
    return base.finish(out, INFO, [found.path], notes=[*found.notes, *notes])


def load_roll_calls(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Roll calls: ``rcid, session, year, date, importantvote, unres, amend, para, short, descr``.

    ``date`` is datetime64, ``year`` its year (int64); ``session`` int64 (1 = 1946);
    ``importantvote`` (US State Department classification, from session 39),
    ``amend`` and ``para`` (coded until 1985) are nullable ``Int8`` 0/1; texts are str.
    Key ``rcid``.

    Raises
    ------
    SourceError, SchemaError
        As :func:`load`; also a date that is not ``YYYY-MM-DD``.
    """
    found = formats.load_table(INFO, ROLL_CALLS, data)
    path = found.where
    cols = list(_ROLL_CALL_COLS)
    df = found.frame[cols].copy()
    _cow.require_int(df, ["rcid", "session"], file=path, min_value=1)
    for col in ("importantvote", "amend", "para"):
        _cow.require_int(df, [col], file=path, min_value=0, max_value=1, nullable=True)
        df[col] = df[col].astype("Int8")
    dates = pd.to_datetime(df["date"], format="%Y-%m-%d", errors="coerce")
    bad = dates.isna()
    if bad.any():
        raise SchemaError(
            "expected a date YYYY-MM-DD", file=path, field="date", value=df["date"][bad].iloc[0]
        )
    df["date"] = dates.astype("datetime64[ns]")
    df.insert(2, "year", df["date"].dt.year.astype("int64"))
    _cow.year_column(df, 1946, 2100, file=path)
    for col in ("unres", "short", "descr"):
        df[col] = base.as_text(df[col])
    check_unique(df, ["rcid"], name=str(path))
    df = df[
        [
            "rcid",
            "session",
            "year",
            "date",
            "importantvote",
            "unres",
            "amend",
            "para",
            "short",
            "descr",
        ]
    ].sort_values("rcid", ignore_index=True)
    return base.finish(df, INFO, [found.path], notes=found.notes)


def load_issues(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Issue tags of roll calls: ``rcid, short_name, issue`` (0 or more per rcid).

    ``short_name`` is one of :data:`ISSUES`. Key ``(rcid, short_name)``.

    Raises
    ------
    SourceError, SchemaError
        As :func:`load`; also an unknown ``short_name``.
    """
    found = formats.load_table(INFO, ISSUE_TAGS, data)
    path = found.where
    cols = ["rcid", "short_name", "issue"]
    df = found.frame[cols].copy()
    _cow.require_int(df, ["rcid"], file=path, min_value=1)
    bad = ~df["short_name"].isin(list(ISSUES))
    if bad.any():
        raise SchemaError(
            f"unknown issue short name; expected one of {sorted(ISSUES)}",
            file=path,
            field="short_name",
            value=df["short_name"][bad].iloc[0],
        )
    df["short_name"] = base.as_text(df["short_name"])
    df["issue"] = base.as_text(df["issue"])
    check_unique(df, ["rcid", "short_name"], name=str(path))
    df = df.sort_values(["rcid", "short_name"], ignore_index=True)
    return base.finish(df, INFO, [found.path], notes=found.notes)


#: Columns of the published file: required, and optional ones renamed when present.
_PUB_REQUIRED = ("ccode", "session", "IdealPointAll")
_PUB_OPTIONAL = {
    "NVotesAll": "n_votes",
    "iso3c": "iso3",
    "Countryname": "country",
    "Q5%All": "q05",
    "Q50%All": "q50",
    "Q95%All": "q95",
}


def load_published_ideal_points(
    data: str | os.PathLike[str] | None = None, *, filename: str = PUBLISHED_IDEAL_POINTS
) -> pd.DataFrame:
    """Published Bailey-Strezhnev-Voeten ideal points (``IdealpointestimatesAll``).

    The Dataverse file of the UN General Assembly voting data (Voeten, Strezhnev &
    Bailey 2009, hdl:1902.1/12379), June 2024 release, one row per country-session,
    read from ``unvotes/IdealpointestimatesAll_Jun2024.csv`` in the data folder
    (a user copies it there; it is not part of the vote files). Layout of that
    release: an unnamed row-number column, then ``ccode`` (COW code), ``session``
    (UNGA session, 1 = 1946), ``NVotesAll`` (votes used), ``IdealPointAll``
    (posterior mean), the posterior quantiles ``QO%All`` (sic), ``Q5%All``,
    ``Q10%All``, ``Q50%All``, ``Q90%All``, ``Q95%All``, ``Q100%All``, then
    ``iso3c``, ``Countryname`` and the agreement shares ``USAgree``,
    ``RUSSAgree``, ``BrazilAgree``, ``ChinaAgree``, ``IndiaAgree``,
    ``IsraelAgree``; ``NA`` = missing. A tab-separated ``.tab`` file (the
    Dataverse's ingested form) is read too.

    Returns
    -------
    DataFrame
        ``ccode`` (int64), ``session`` (int64), ``ideal_point`` (float), and when
        present ``n_votes`` (Int64), ``iso3`` (the file's ``iso3c``, as released:
        it writes CSK, YUG, DDR and YAR), ``country``, ``q05``, ``q50``, ``q95``.
        Key ``(ccode, session)``.

    Raises
    ------
    SourceError
        File absent (the hint names the expected path), empty or unreadable.
    SchemaError
        A required column is missing, ``ccode``/``session`` not whole numbers,
        ``IdealPointAll`` not numeric, or a repeated ``(ccode, session)``.
    """
    path = INFO.folder(data) / filename
    if not path.is_file():
        raise SourceError(
            "published ideal points not found",
            file=path,
            value=filename,
            hint=(
                "download IdealpointestimatesAll_Jun2024.csv from the Harvard Dataverse "
                "(hdl:1902.1/12379, 'United Nations General Assembly Voting Data') and put it "
                f"at {path}"
            ),
        )
    sep = "\t" if path.suffix.lower() == ".tab" else ","
    df = base.read_csv(path, required=_PUB_REQUIRED, sep=sep, na_values=("", "NA"))
    _cow.require_int(df, ["ccode", "session"], file=path, min_value=1)
    point = pd.to_numeric(df["IdealPointAll"], errors="coerce")
    bad = point.isna() & df["IdealPointAll"].notna()
    if bad.any():
        raise SchemaError(
            "IdealPointAll must be numeric",
            file=path,
            field="IdealPointAll",
            value=df.loc[bad, "IdealPointAll"].iloc[0],
        )
    out = pd.DataFrame(
        {
            "ccode": df["ccode"].astype("int64"),
            "session": df["session"].astype("int64"),
            "ideal_point": point.astype(float),
        }
    )
    for col, name in _PUB_OPTIONAL.items():
        if col not in df.columns:
            continue
        if name == "n_votes":
            out[name] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
        elif name in ("iso3", "country"):
            out[name] = base.as_text(df[col]).where(df[col].notna(), None)
        else:
            out[name] = pd.to_numeric(df[col], errors="coerce").astype(float)
    out = out.dropna(subset=["ideal_point"]).reset_index(drop=True)
    check_unique(out, ["ccode", "session"], name=str(path))
    out = out.sort_values(["ccode", "session"], ignore_index=True)
    return base.finish(
        out,
        INFO,
        [path],
        units={"ideal_point": "latent scale of Bailey, Strezhnev & Voeten (2017)"},
        notes=["published ideal points (Bailey, Strezhnev & Voeten 2017), June 2024 release"],
    )
