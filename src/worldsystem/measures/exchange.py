r"""Value flows and unequal exchange: embodied labour and value added, and the ERDI.

Pure functions over :class:`~worldsystem.panels.mrio.MRIO` tables and frames.
Nothing here reads files, the clock or global state.

Pipeline
--------
1. :func:`embodied_exchange` gives, per region and year, the hours of labour and
   the value added embodied in its exports and in its imports and the net flow;
   :func:`bilateral_matrix` and :func:`bilateral_flows` give the full
   origin x destination matrix (long frames). :func:`embodied_exchange_years`
   does both for a batch of tables with one factorisation per year.
2. :func:`partition_flows` aggregates the bilateral matrix to any partition of
   countries (North/South from :func:`north_south`, core/periphery from the
   position measures, blocs, or a user's mapping) and gives gross and net
   flows between groups.
3. :func:`wage_proxy` and :func:`value_labour_flows` value the net labour flow
   at Northern, global-average, Southern or each country's own wage, and give
   the exchange ratio (hours exported per hour imported).
4. :func:`erdi` and :func:`erdi_transfer` implement the exchange-rate-deviation
   method of Köhler (1998).
5. :func:`top_appropriators` ranks net appropriators and net appropriated
   countries per year, with the drain as a share of GDP.

Sign convention
---------------
Every ``net_*`` column is **exported minus imported**: a positive value means
the region gives more of the factor (hours, value added, value) to others than
it receives, i.e. a net drain *from* it; a negative value marks a net
appropriator. Summed over all regions of a table the net flows are zero.

Two attributions (``method``)
-----------------------------
``"footprint"`` (default; consumption-based, as in Hickel et al. 2022, 2024):
with :math:`E = \hat f L Y` summed to producing region :math:`r` (rows) and
consuming region :math:`s` (columns),

.. math::

    \text{exported}_r = \sum_{s \ne r} E_{rs}, \qquad
    \text{imported}_r = \sum_{s \ne r} E_{sr},

the factor used in :math:`r` for other regions' final demand, and the factor
used elsewhere for :math:`r`'s final demand, through all supply chains.

``"eebt"`` (embodied in bilateral trade; Peters 2008): the gross exports
:math:`e_{rs} = Z_{rs}\mathbf 1 + y_{rs}` of :math:`r` to :math:`s` valued at
:math:`r`'s domestic multipliers :math:`f_r (I - A_{rr})^{-1}`; imported is the
same for the partners' exports to :math:`r`. See :mod:`worldsystem.mrio.embodied`.

Assumptions
-----------
Fixed (Leontief) coefficients with one technology per region-sector; ``A`` uses
the table's published gross output. WIOD cells are integer-truncated USD
millions, so identities hold to rounding. Value added is the ``value_added``
satellite (for WIOD: :math:`x - \mathbf 1' Z`, i.e. value added plus net taxes
and international transport margins). The WIOD rest of the world (``ROW``) is a
pseudo-region: it is kept in every result so that world totals add up, and is
flagged by ``pseudo_region``; rankings drop it by default.

References
----------
Miller, R.E., Blair, P.D. (2009). *Input-Output Analysis: Foundations and
Extensions*, 2nd ed. Cambridge University Press. doi:10.1017/CBO9780511626982.

Peters, G.P. (2008). From production-based to consumption-based national
emission inventories. *Ecological Economics* 65(1):13-23.
doi:10.1016/j.ecolecon.2007.10.014.

Hickel, J., Dorninger, C., Wieland, H., Suwandi, I. (2022). Imperialist
appropriation in the world economy: Drain from the global South through unequal
exchange, 1990-2015. *Global Environmental Change* 73:102467.
doi:10.1016/j.gloenvcha.2022.102467.

Hickel, J., Hanbury Lemos, M., Barbour, F. (2024). Unequal exchange of labour in
the world economy. *Nature Communications* 15:6298.
doi:10.1038/s41467-024-49687-y.

Köhler, G. (1998). The Structure of Global Money and World Tables of Unequal
Exchange. *Journal of World-Systems Research* 4(2):145-168.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from worldsystem.core import provenance as prov
from worldsystem.core.errors import ModelError, SchemaError
from worldsystem.core.schema import require_columns

if TYPE_CHECKING:
    from worldsystem.mrio import EmbodiedTrade
    from worldsystem.panels.mrio import MRIO

__all__ = [
    "BASES",
    "METHODS",
    "PSEUDO_REGIONS",
    "ROW_NOTE",
    "ExchangeResult",
    "bilateral_flows",
    "bilateral_matrix",
    "embodied_exchange",
    "embodied_exchange_years",
    "erdi",
    "erdi_south_to_north",
    "erdi_transfer",
    "north_south",
    "partition_flows",
    "top_appropriators",
    "value_labour_flows",
    "wage_proxy",
]

Method = Literal["footprint", "eebt"]
Basis = Literal["northern", "global", "southern", "own"]

#: Attribution methods of :func:`embodied_exchange`.
METHODS: tuple[str, ...] = ("footprint", "eebt")
#: Price bases of :func:`value_labour_flows`.
BASES: tuple[str, ...] = ("northern", "global", "southern", "own")
#: Region codes that are not countries (WIOD rest of the world).
PSEUDO_REGIONS: frozenset[str] = frozenset({"ROW"})

#: What the WIOD 2013 rest of the world holds, for outputs that label it. WIOD 2013
#: has 40 countries; ``ROW`` is everything else, advanced economies included.
ROW_NOTE = (
    "WIOD rest of the world: every country outside WIOD's 40, advanced economies "
    "among them (Norway, Switzerland, Israel, Singapore, Hong Kong, New Zealand) "
    "beside the developing countries; counted as South although it is not all South"
)
#: WIOD region codes that differ from ISO3.
_WIOD_TO_ISO3 = {"ROM": "ROU", "RoW": "ROW"}
#: Column stem and unit suffix of known satellites.
_STEMS = {"labour_hours": ("hours", ""), "value_added": ("value_added", "_musd")}
_CITE_IO = ("miller2009",)
_CITE_FP = ("hickel2022imperialist", "hickel2024unequal")
_CITE_EEBT = ("peters2008production",)
_CITE_KOHLER = ("kohler1998structure",)
_ISO3_RE = re.compile(r"^[A-Z]{3}$")


def _columns(satellite: str) -> tuple[str, str, str]:
    stem, suffix = _STEMS.get(satellite, (satellite, ""))
    return f"{stem}_exported{suffix}", f"{stem}_imported{suffix}", f"net_{stem}{suffix}"


def _value_column(satellite: str) -> str:
    stem, suffix = _STEMS.get(satellite, (satellite, ""))
    return f"{stem}{suffix}"


def _iso3(regions: Sequence[str]) -> list[str]:
    return [_WIOD_TO_ISO3.get(r, r) for r in regions]


def _pseudo(codes: Iterable[str]) -> np.ndarray:
    return np.array([c in PSEUDO_REGIONS or not _ISO3_RE.match(str(c)) for c in codes], dtype=bool)


def _check_method(method: str) -> None:
    if method not in METHODS:
        raise ModelError(
            f"unknown attribution method {method!r}",
            field="method",
            value=method,
            hint=f"use one of {METHODS}",
        )


def _year(mrio: MRIO) -> int:
    if mrio.year is None:
        raise SchemaError(
            "the MRIO table has no year",
            field="year",
            hint="build the MRIO with year=... so that rows can be keyed by iso3 and year",
        )
    return int(mrio.year)


def _flows(
    mrio: MRIO, satellites: Sequence[str], method: str, flows: EmbodiedTrade | None
) -> np.ndarray:
    """(k, R, R) origin x destination flows of ``satellites`` by ``method``."""
    from worldsystem.mrio import embodied_flows

    _check_method(method)
    satellites = tuple(satellites)
    if flows is None:
        flows = embodied_flows(mrio, satellites)
    names = tuple(flows.satellites or ())
    missing = [s for s in satellites if s not in names]
    if missing:
        raise ModelError(
            f"satellites {missing} are not in the precomputed flows",
            field="flows",
            value=missing,
            hint=f"the flows hold {names}; recompute them with these satellites",
        )
    M = getattr(flows, method)
    if M.ndim == 2:
        M = M[None]
    R = mrio.n_regions
    if M.shape[1:] != (R, R):
        raise ModelError(
            f"precomputed flows have shape {M.shape}; expected (k, {R}, {R})",
            field="flows",
            hint="pass flows computed from the same MRIO table",
        )
    return M[[names.index(s) for s in satellites]]


def _provenance(mrio: MRIO, name: str, params: Mapping, method: str) -> prov.Provenance:
    cites = _CITE_IO + (_CITE_FP if method == "footprint" else _CITE_EEBT)
    return mrio.provenance.with_method(f"worldsystem.measures.exchange.{name}", params, cites)


# --------------------------------------------------------------------------- flows
def embodied_exchange(
    mrio: MRIO,
    *,
    satellites: Sequence[str] = ("labour_hours", "value_added"),
    method: Method = "footprint",
    flows: EmbodiedTrade | None = None,
) -> pd.DataFrame:
    r"""Factor embodied in each region's exports and imports, and the net flow.

    With :math:`E` the origin x destination flow matrix of a satellite
    (footprint :math:`E = \hat f L Y` aggregated to regions, or EEBT; see the
    module docstring),

    .. math::

        \text{exported}_r = \sum_{s \ne r} E_{rs}, \quad
        \text{imported}_r = \sum_{s \ne r} E_{sr}, \quad
        \text{net}_r = \text{exported}_r - \text{imported}_r ,

    and :math:`\sum_r \text{net}_r = 0`. A positive net flow is a drain from
    the region; a negative one, a net appropriation by it.

    Parameters
    ----------
    mrio : MRIO
        One year's table with the satellites named in ``satellites``.
    satellites : sequence of str
        Default ``("labour_hours", "value_added")`` (hours; USD million).
        Other satellites get columns ``{name}_exported`` etc.
    method : {"footprint", "eebt"}
        ``"footprint"`` (default): factor embodied in other regions' final
        demand through all supply chains (Hickel et al. 2022; 2024).
        ``"eebt"``: factor embodied in gross bilateral exports at the
        exporter's domestic multipliers (Peters 2008).
    flows : EmbodiedTrade, optional
        The result of :func:`worldsystem.mrio.embodied_flows` on ``mrio`` (with
        these satellites), to reuse one factorisation.

    Returns
    -------
    pandas.DataFrame
        One row per region: ``iso3, year, pseudo_region`` then, for labour,
        ``hours_exported, hours_imported, net_hours`` (hours) and, for value
        added, ``value_added_exported_musd, value_added_imported_musd,
        net_value_added_musd`` (USD million, current). WIOD codes ``ROM`` and
        ``RoW`` become ``ROU`` and ``ROW``; ``pseudo_region`` is True for
        ``ROW`` (and any region code that is not three capital letters, e.g.
        the example world's zones).

    Raises
    ------
    ModelError
        Unknown method, missing satellites, or an unproductive table.
    SchemaError
        The table has no year.

    Examples
    --------
    >>> from worldsystem.example import world
    >>> ex = embodied_exchange(world(seed=0).mrio)
    >>> bool(abs(ex["net_hours"].sum()) < 1e-6 * ex["hours_exported"].sum())
    True
    """
    year = _year(mrio)
    M = _flows(mrio, satellites, method, flows)
    iso3 = _iso3(mrio.regions)
    out = pd.DataFrame({"iso3": iso3, "year": year, "pseudo_region": _pseudo(iso3)})
    units: dict[str, str] = {}
    for k, sat in enumerate(satellites):
        E = M[k]
        diag = np.diag(E)
        exported = E.sum(axis=1) - diag
        imported = E.sum(axis=0) - diag
        c_exp, c_imp, c_net = _columns(sat)
        out[c_exp] = exported
        out[c_imp] = imported
        out[c_net] = exported - imported
        unit = mrio.satellite_units.get(sat, "")
        units.update({c_exp: unit, c_imp: unit, c_net: unit})
    prov.attach(
        out,
        _provenance(
            mrio, "embodied_exchange", {"method": method, "satellites": list(satellites)}, method
        ),
    )
    prov.set_units(out, units)
    return out


def bilateral_flows(
    mrio: MRIO,
    *,
    satellites: Sequence[str] = ("labour_hours", "value_added"),
    method: Method = "footprint",
    flows: EmbodiedTrade | None = None,
    include_domestic: bool = True,
) -> pd.DataFrame:
    r"""The full origin x destination matrix of embodied factors, as a long frame.

    ``value[o, d]`` is origin o's factor embodied in destination d's final
    demand (footprint, :math:`E = \hat f L Y` summed to regions) or in o's gross
    exports to d (EEBT). The diagonal (o == d) is domestic use for own final
    demand. Row sums are the factor used in o (production-based); column sums
    are d's footprint.

    Parameters
    ----------
    mrio : MRIO
    satellites : sequence of str
        Default ``("labour_hours", "value_added")``: columns ``hours`` and
        ``value_added_musd``; other satellites keep their name.
    method : {"footprint", "eebt"}
    flows : EmbodiedTrade, optional
        Precomputed :func:`worldsystem.mrio.embodied_flows` of ``mrio``.
    include_domestic : bool
        Keep the o == d rows (default True).

    Returns
    -------
    pandas.DataFrame
        ``iso3_o, iso3_d, year`` and one value column per satellite; R x R rows
        (R x (R - 1) without the domestic rows).
    """
    year = _year(mrio)
    M = _flows(mrio, satellites, method, flows)
    iso3 = np.array(_iso3(mrio.regions), dtype=object)
    R = iso3.size
    o, d = np.divmod(np.arange(R * R), R)
    out = pd.DataFrame({"iso3_o": iso3[o], "iso3_d": iso3[d], "year": year})
    units = {}
    for k, sat in enumerate(satellites):
        col = _value_column(sat)
        out[col] = M[k].reshape(-1)
        units[col] = mrio.satellite_units.get(sat, "")
    if not include_domestic:
        out = out[o != d].reset_index(drop=True)
    prov.attach(
        out,
        _provenance(
            mrio,
            "bilateral_flows",
            {"method": method, "satellites": list(satellites), "domestic": include_domestic},
            method,
        ),
    )
    prov.set_units(out, units)
    return out


def bilateral_matrix(
    mrio: MRIO,
    satellite: str = "labour_hours",
    *,
    method: Method = "footprint",
    flows: EmbodiedTrade | None = None,
) -> pd.DataFrame:
    r"""One satellite's origin x destination matrix as a long frame with a ``value`` column.

    .. math::

        \text{value}_{od} = \sum_{i \in o} f_i\, [L\, y_d]_i \quad \text{(footprint)}

    Parameters
    ----------
    mrio : MRIO
    satellite : str
        Default ``"labour_hours"`` (hours).
    method : {"footprint", "eebt"}
    flows : EmbodiedTrade, optional

    Returns
    -------
    pandas.DataFrame
        ``iso3_o, iso3_d, year, value`` (o's factor embodied in d's final
        demand; the unit of the satellite), including o == d.
    """
    out = bilateral_flows(mrio, satellites=(satellite,), method=method, flows=flows)
    return out.rename(columns={_value_column(satellite): "value"})


@dataclass(frozen=True, eq=False)
class ExchangeResult:
    """Exchange and bilateral frames for several years.

    Attributes
    ----------
    exchange : pandas.DataFrame
        :func:`embodied_exchange` rows of every year.
    bilateral : pandas.DataFrame
        :func:`bilateral_flows` rows of every year.
    """

    exchange: pd.DataFrame
    bilateral: pd.DataFrame


def embodied_exchange_years(
    tables: Iterable[MRIO],
    *,
    satellites: Sequence[str] = ("labour_hours", "value_added"),
    method: Method = "footprint",
) -> ExchangeResult:
    """:func:`embodied_exchange` and :func:`bilateral_flows` for a batch of years.

    Each table is factored once and its flows are shared by both frames; only
    one year's factorisation is held at a time.

    Parameters
    ----------
    tables : iterable of MRIO
    satellites : sequence of str
    method : {"footprint", "eebt"}

    Returns
    -------
    ExchangeResult
    """
    from worldsystem.mrio import embodied_flows

    _check_method(method)
    ex, bi = [], []
    for mrio in tables:
        flows = embodied_flows(mrio, tuple(satellites))
        kw = {"satellites": satellites, "method": method, "flows": flows}
        ex.append(embodied_exchange(mrio, **kw))
        bi.append(bilateral_flows(mrio, **kw))
    if not ex:
        raise ModelError("no MRIO tables were given", field="tables", hint="pass at least one")
    exchange = prov.carry(pd.concat(ex, ignore_index=True), *ex)
    bilateral = prov.carry(pd.concat(bi, ignore_index=True), *bi)
    return ExchangeResult(exchange=exchange, bilateral=bilateral)


# ---------------------------------------------------------------------- partitions
def north_south(
    iso3: Iterable[str] | pd.DataFrame,
    years: Iterable[int] | None = None,
    *,
    north: str = "North",
    south: str = "South",
) -> pd.DataFrame:
    """North/South by IMF advanced-economy membership in each year.

    North = the IMF World Economic Outlook advanced economies in that year
    (:func:`worldsystem.countries.member_mask` with group ``IMF_ADVANCED``), as
    in Hickel et al. (2022); every other code, including the WIOD rest of the
    world ``ROW``, is South. ``ROW`` also contains some advanced economies
    (e.g. Norway, Switzerland, Israel, Singapore); that is a limitation of the
    WIOD 2013 regions.

    Parameters
    ----------
    iso3 : iterable of str, or a frame with ``iso3`` and ``year`` columns
    years : iterable of int, optional
        Years to label (required unless ``iso3`` is a frame).
    north, south : str
        Group labels.

    Returns
    -------
    pandas.DataFrame
        ``iso3, year, group``, one row per distinct (iso3, year).

    Examples
    --------
    >>> north_south(["USA", "CHN"], [2011])["group"].tolist()
    ['North', 'South']
    """
    from worldsystem.countries import member_mask

    if isinstance(iso3, pd.DataFrame):
        require_columns(iso3, ["iso3", "year"], name="north_south input")
        keys = iso3[["iso3", "year"]].drop_duplicates().reset_index(drop=True)
    else:
        if years is None:
            raise ModelError(
                "years are needed to label a list of codes",
                field="years",
                hint="pass years=[...] or a frame with iso3 and year",
            )
        codes = list(dict.fromkeys(iso3))
        yrs = list(dict.fromkeys(int(y) for y in years))
        keys = pd.DataFrame(
            {"iso3": np.repeat(codes, len(yrs)), "year": np.tile(yrs, len(codes))}
        ).astype({"year": int})
    mask = member_mask(keys["iso3"].to_numpy(), "IMF_ADVANCED", keys["year"].to_numpy())
    keys["group"] = np.where(mask, north, south)
    prov.attach(
        keys,
        prov.Provenance().with_method(
            "worldsystem.measures.exchange.north_south",
            {"group": "IMF_ADVANCED", "north": north, "south": south},
            ("hickel2022imperialist",),
        ),
    )
    return keys


def _group_frame(groups: Mapping[str, str] | pd.DataFrame, what: str) -> pd.DataFrame:
    """Normalise a mapping or frame to columns iso3, group (and year if given)."""
    if isinstance(groups, pd.DataFrame):
        require_columns(groups, ["iso3", "group"], name=what)
        cols = ["iso3", "year", "group"] if "year" in groups.columns else ["iso3", "group"]
        g = groups[cols].copy()
        keys = cols[:-1]
        if g.duplicated(keys).any():
            dup = g.loc[g.duplicated(keys), keys].iloc[0].tolist()
            raise SchemaError(
                f"{what} assigns a country to more than one group",
                field="group",
                value=dup,
                hint="give each iso3 (and year) exactly one group",
            )
        return g
    if isinstance(groups, Mapping):
        return pd.DataFrame({"iso3": list(groups), "group": list(groups.values())})
    raise SchemaError(
        f"{what} is a {type(groups).__name__}",
        field="groups",
        hint="pass a mapping iso3 -> group or a frame with iso3, group (and year)",
    )


def _assign(
    frame: pd.DataFrame, groups: pd.DataFrame, code_col: str, out_col: str, unassigned: str
) -> pd.DataFrame:
    keys = ["iso3", "year"] if "year" in groups.columns else ["iso3"]
    right = groups.rename(columns={"iso3": code_col, "group": out_col})
    on = [code_col] + (["year"] if "year" in keys else [])
    res = frame.merge(right, on=on, how="left", validate="many_to_one")
    miss = res[out_col].isna()
    if miss.any():
        if unassigned == "raise":
            bad = sorted(set(res.loc[miss, code_col]))
            raise SchemaError(
                f"{len(bad)} region(s) have no group: {bad[:10]}",
                field=code_col,
                value=bad[:10],
                hint="add them to the grouping, or pass unassigned='drop' or 'other'",
            )
        if unassigned == "drop":
            res = res[~miss]
        elif unassigned == "other":
            res[out_col] = res[out_col].where(~miss, "other")
        else:
            raise ModelError(
                f"unassigned={unassigned!r} is not a rule",
                field="unassigned",
                value=unassigned,
                hint="use 'raise', 'drop' or 'other'",
            )
    return res


def partition_flows(
    bilateral: pd.DataFrame,
    groups: Mapping[str, str] | pd.DataFrame,
    *,
    values: Sequence[str] | None = None,
    unassigned: Literal["raise", "drop", "other"] = "raise",
) -> pd.DataFrame:
    r"""Gross and net embodied flows between the groups of a partition.

    With :math:`G(o)` the group of country o,

    .. math::

        F_{gh} = \sum_{G(o) = g,\ G(d) = h} E_{od}, \qquad
        \text{net}_{gh} = F_{gh} - F_{hg} ,

    so :math:`\text{net}_{gh} = -\text{net}_{hg}`, :math:`\text{net}_{gg} = 0`,
    and the net flow of a group, :math:`\sum_h \text{net}_{gh}`, equals the sum
    of its members' net flows from :func:`embodied_exchange` (flows inside the
    group cancel). ``net`` from South to North is the North's net appropriation
    from the South in Hickel et al. (2022).

    Parameters
    ----------
    bilateral : pandas.DataFrame
        ``iso3_o, iso3_d, year`` and value columns (from
        :func:`bilateral_flows` or :func:`bilateral_matrix`).
    groups : mapping iso3 -> group, or frame ``iso3, group`` (optionally ``year``)
        E.g. :func:`north_south`, the zones of
        :mod:`worldsystem.measures.position`, bloc labels, or a user's own.
    values : sequence of str, optional
        Value columns (default: every numeric column other than ``year``).
    unassigned : {"raise", "drop", "other"}
        What to do with countries not in ``groups``.

    Returns
    -------
    pandas.DataFrame
        ``group_o, group_d, year``, the gross flows under the value names and
        ``net_{value}`` for each; one row per ordered group pair and year.

    Examples
    --------
    >>> b = pd.DataFrame({"iso3_o": ["A", "A", "B", "B"], "iso3_d": ["A", "B", "A", "B"],
    ...                   "year": 2000, "value": [5.0, 3.0, 1.0, 7.0]})
    >>> partition_flows(b, {"A": "N", "B": "S"})[["group_o", "group_d", "net_value"]]
      group_o group_d  net_value
    0       N       N        0.0
    1       N       S        2.0
    2       S       N       -2.0
    3       S       S        0.0
    """
    require_columns(bilateral, ["iso3_o", "iso3_d", "year"], name="bilateral")
    if values is None:
        values = [
            c
            for c in bilateral.columns
            if c not in ("iso3_o", "iso3_d", "year") and pd.api.types.is_numeric_dtype(bilateral[c])
        ]
    values = list(values)
    require_columns(bilateral, values, name="bilateral")
    g = _group_frame(groups, "groups")
    frame = bilateral[["iso3_o", "iso3_d", "year", *values]]
    frame = _assign(frame, g, "iso3_o", "group_o", unassigned)
    frame = _assign(frame, g, "iso3_d", "group_d", unassigned)
    gross = frame.groupby(["group_o", "group_d", "year"], as_index=False, sort=True)[values].sum()
    # complete the pair grid so that every (g, h) has its reverse (h, g)
    labels = sorted(set(gross["group_o"]) | set(gross["group_d"]))
    grid = pd.MultiIndex.from_product(
        [labels, labels, sorted(gross["year"].unique())], names=["group_o", "group_d", "year"]
    )
    gross = gross.set_index(["group_o", "group_d", "year"]).reindex(grid, fill_value=0.0)
    rev = gross.copy()
    rev.index = rev.index.set_names(["group_d", "group_o", "year"])
    rev = rev.reorder_levels(["group_o", "group_d", "year"]).reindex(gross.index)
    for v in values:
        gross[f"net_{v}"] = gross[v].to_numpy() - rev[v].to_numpy()
    out = gross.reset_index()
    prov.carry(out, bilateral)
    prov.attach(
        out,
        prov.get(out).with_method(
            "worldsystem.measures.exchange.partition_flows",
            {"values": values, "groups": sorted(set(g["group"])), "unassigned": unassigned},
        ),
    )
    prov.set_units(
        out, {f"net_{v}": u for v, u in prov.get_units(bilateral).items() if v in values}
    )
    return out


# ---------------------------------------------------------------------- valuation
def wage_proxy(
    frame: pd.DataFrame,
    *,
    value_added_col: str = "value_added_musd",
    hours_col: str = "hours",
    labour_share_col: str = "labsh",
    compensation_col: str | None = None,
) -> pd.DataFrame:
    r"""Average wage per hour: labour compensation per hour, or its labour-share proxy.

    .. math::

        w_r = \frac{\text{labsh}_r \cdot VA_r \cdot 10^6}{H_r}
        \quad [\text{USD per hour}]

    A proxy for labour compensation per hour where the tables lack it (the
    WIOD 2013 world tables carry no Socio-Economic Accounts here): value added
    (USD million, current) times the PWT 10.01 labour share ``labsh`` (share
    of labour compensation in GDP, Feenstra et al. 2015), divided by hours
    worked. The caller supplies ``labsh``.

    Where the table has labour compensation (``compensation_col``: the
    compensation of employees of GLORIA, EXIOBASE or Eora26, or WIOD's
    Socio-Economic Accounts ``LAB``, in the unit of value added), the wage is
    :math:`w_r = \text{LAB}_r \cdot 10^6 / H_r` for the regions that have it: labour
    compensation, not value added with taxes, margins and capital income.
    ``wage_source`` says which formula each row used.

    Parameters
    ----------
    frame : pandas.DataFrame
        ``iso3, year`` and the three columns named below.
    value_added_col : str
        Value added, USD million (current).
    hours_col : str
        Hours worked in the year.
    labour_share_col : str
        Labour share of value added, fraction.
    compensation_col : str, optional
        Labour compensation, USD million (current), where the source has it.

    Returns
    -------
    pandas.DataFrame
        ``frame`` with ``wage_usd_per_hour`` (NaN where an input is missing or
        hours are not positive) and ``wage_source`` (``"labour compensation"`` or
        ``"labour share x value added"``) added.

    Examples
    --------
    >>> f = pd.DataFrame({"iso3": ["A"], "year": [2000], "value_added_musd": [10.0],
    ...                   "hours": [2e5], "labsh": [0.6]})
    >>> wage_proxy(f)["wage_usd_per_hour"].tolist()
    [30.0]
    >>> wage_proxy(f.assign(lab=5.0), compensation_col="lab")["wage_usd_per_hour"].tolist()
    [25.0]
    """
    require_columns(frame, [value_added_col, hours_col, labour_share_col], name="wage_proxy input")
    out = frame.copy()
    h = out[hours_col].astype(float)
    wage = out[labour_share_col].astype(float) * out[value_added_col].astype(float) * 1e6 / h
    source = pd.Series("labour share x value added", index=out.index, dtype=object)
    if compensation_col is not None and compensation_col in out.columns:
        comp = out[compensation_col].astype(float)
        has = comp.notna() & (comp >= 0)
        wage = wage.where(~has, comp * 1e6 / h)
        source[has] = "labour compensation"
    out["wage_usd_per_hour"] = wage.where(h > 0)
    out["wage_source"] = source
    prov.carry(out, frame)
    prov.set_units(out, {"wage_usd_per_hour": "USD per hour, current"})
    return out


def value_labour_flows(
    exchange_frame: pd.DataFrame,
    wages: pd.DataFrame,
    *,
    basis: Basis = "northern",
    groups: Mapping[str, str] | pd.DataFrame | None = None,
    north: str = "North",
    south: str = "South",
    wage_col: str = "wage_usd_per_hour",
    weight_col: str = "hours",
) -> pd.DataFrame:
    r"""Value the net embodied labour flow in a price basis; add the exchange ratio.

    Following Hickel et al. (2022), hours are valued at one wage per year
    :math:`w^b_t`,

    .. math::

        T_{rt} = \text{net\_hours}_{rt} \cdot w^b_t \cdot 10^{-6}
        \quad [\text{USD million}], \qquad
        \text{exchange ratio}_{rt} = \frac{\text{hours\_exported}_{rt}}
        {\text{hours\_imported}_{rt}},

    where the wage of basis b is the hours-weighted average wage
    :math:`w^b_t = \sum_{r \in b} w_{rt} H_{rt} / \sum_{r \in b} H_{rt}` over the
    North (``"northern"``), all regions (``"global"``) or the South
    (``"southern"``); with ``"own"`` each country's hours are valued at its own
    wage :math:`w_{rt}`. With one wage per year the transfers of a group's
    members add up to the group's net transfer. The sign follows
    ``net_hours``: positive is a transfer *from* the region.

    Parameters
    ----------
    exchange_frame : pandas.DataFrame
        From :func:`embodied_exchange`: ``iso3, year, hours_exported,
        hours_imported, net_hours``.
    wages : pandas.DataFrame
        ``iso3, year``, ``wage_col`` (USD per hour, e.g. from
        :func:`wage_proxy`) and ``weight_col`` (hours worked, the weights of
        the averages). Regions with a missing wage are left out of the
        averages; their own-basis transfer is NaN.
    basis : {"northern", "global", "southern", "own"}
    groups : mapping or frame, optional
        North/South labels (``iso3, group`` and optionally ``year``); needed
        for ``"northern"`` and ``"southern"``. Default: :func:`north_south`.
    north, south : str
        Labels of the two groups in ``groups``.
    wage_col, weight_col : str

    Returns
    -------
    pandas.DataFrame
        ``exchange_frame`` with ``wage_basis_usd_per_hour``,
        ``net_transfer_musd`` (USD million, current), ``exchange_ratio``
        (hours per hour; NaN where nothing is imported) and ``basis``.

    Raises
    ------
    ModelError
        Unknown basis, or a basis group with no wage in a year.
    """
    if basis not in BASES:
        raise ModelError(
            f"unknown price basis {basis!r}", field="basis", value=basis, hint=f"use one of {BASES}"
        )
    require_columns(
        exchange_frame,
        ["iso3", "year", "hours_exported", "hours_imported", "net_hours"],
        name="exchange_frame",
    )
    require_columns(wages, ["iso3", "year", wage_col, weight_col], name="wages")
    w = wages[["iso3", "year", wage_col, weight_col]].rename(
        columns={wage_col: "_w", weight_col: "_h"}
    )
    if w.duplicated(["iso3", "year"]).any():
        raise SchemaError(
            "wages has duplicate (iso3, year) rows",
            field="iso3",
            hint="give one wage per country and year",
        )
    out = exchange_frame.merge(w, on=["iso3", "year"], how="left", validate="one_to_one")
    if basis == "own":
        wb = out["_w"].astype(float)
    else:
        if basis == "global":
            sel = w
        else:
            g = north_south(w) if groups is None else _group_frame(groups, "groups")
            lab = _assign(w, g, "iso3", "group", "other")
            sel = lab[lab["group"] == (north if basis == "northern" else south)]
        ok = sel["_w"].notna() & sel["_h"].notna() & (sel["_h"] > 0)
        sel = sel[ok]
        avg = (sel["_w"] * sel["_h"]).groupby(sel["year"]).sum() / sel["_h"].groupby(
            sel["year"]
        ).sum()
        missing = sorted(set(out["year"]) - set(avg.index))
        if missing:
            raise ModelError(
                f"no {basis} wage in year(s) {missing[:10]}",
                field=wage_col,
                value=missing[:10],
                hint="supply wages and hours for at least one country of the basis group",
            )
        wb = out["year"].map(avg).astype(float)
    out = out.drop(columns=["_w", "_h"])
    out["wage_basis_usd_per_hour"] = wb.to_numpy()
    out["net_transfer_musd"] = out["net_hours"].astype(float) * out["wage_basis_usd_per_hour"] / 1e6
    imp = out["hours_imported"].astype(float)
    out["exchange_ratio"] = (out["hours_exported"].astype(float) / imp).where(imp > 0)
    out["basis"] = basis
    prov.carry(out, exchange_frame, wages)
    prov.attach(
        out,
        prov.get(out).with_method(
            "worldsystem.measures.exchange.value_labour_flows",
            {"basis": basis, "wage": wage_col, "weight": weight_col},
            ("hickel2022imperialist",),
        ),
    )
    prov.set_units(
        out,
        {
            "wage_basis_usd_per_hour": "USD per hour, current",
            "net_transfer_musd": "USD million, current",
            "exchange_ratio": "hours exported per hour imported",
        },
    )
    return out


# ---------------------------------------------------------------------- ERDI
def erdi(
    frame: pd.DataFrame,
    *,
    price_level_col: str | None = "pl_gdpo",
    gdp_ppp_col: str | None = None,
    gdp_xr_col: str | None = None,
    reference: str | None = "USA",
) -> pd.DataFrame:
    r"""Köhler's exchange rate deviation index.

    .. math::

        \text{ERDI}_{rt} = \frac{e_{rt}}{\text{PPP}_{rt}}
        = \frac{\text{GDP}^{\text{PPP}}_{rt}}{\text{GDP}^{\text{XR}}_{rt}}
        = \frac{1}{p_{rt}}

    (Köhler 1998): the market exchange rate over the PPP conversion factor,
    i.e. the inverse of the price level :math:`p` (PPP / XR). ERDI > 1 means
    the currency buys more at home than its dollar value (typical of the
    periphery); the USA has ERDI 1 by construction of PPPs.

    PWT 10.01 price levels (``pl_gdpo``) are relative to the USA **in 2017**, so
    by default each year is re-based on ``reference``'s price level that year:
    :math:`\text{ERDI}_{rt} = p_{\text{USA},t} / p_{rt}` (same for the GDP
    ratio). Pass ``reference=None`` when the inputs are already on a
    same-year base.

    Parameters
    ----------
    frame : pandas.DataFrame
        ``iso3, year`` and either ``price_level_col`` or both GDP columns.
    price_level_col : str or None
        Price level (PPP / XR); used when the GDP columns are not given.
    gdp_ppp_col, gdp_xr_col : str or None
        GDP at PPPs and at exchange rates (any consistent currency unit).
    reference : str or None
        ISO3 whose ERDI is 1 in every year (default ``"USA"``).

    Returns
    -------
    pandas.DataFrame
        ``frame`` with ``erdi`` (unitless) added; NaN where an input is
        missing, not positive, or the reference is missing that year.

    Examples
    --------
    >>> f = pd.DataFrame({"iso3": ["USA", "IND"], "year": [2011, 2011], "pl_gdpo": [0.9, 0.3]})
    >>> erdi(f)["erdi"].round(3).tolist()
    [1.0, 3.0]
    """
    if gdp_ppp_col is not None or gdp_xr_col is not None:
        if gdp_ppp_col is None or gdp_xr_col is None:
            raise ModelError(
                "only one of gdp_ppp_col and gdp_xr_col was given",
                field="gdp_xr_col" if gdp_xr_col is None else "gdp_ppp_col",
                hint="pass both GDP columns, or neither and price_level_col",
            )
        require_columns(frame, ["iso3", "year", gdp_ppp_col, gdp_xr_col], name="erdi input")
        ppp = frame[gdp_ppp_col].astype(float)
        xr = frame[gdp_xr_col].astype(float)
        raw = (ppp / xr).where((ppp > 0) & (xr > 0))
        params = {"gdp_ppp": gdp_ppp_col, "gdp_xr": gdp_xr_col}
    elif price_level_col is not None:
        require_columns(frame, ["iso3", "year", price_level_col], name="erdi input")
        p = frame[price_level_col].astype(float)
        raw = (1.0 / p).where(p > 0)
        params = {"price_level": price_level_col}
    else:
        raise ModelError(
            "no input for the ERDI",
            field="price_level_col",
            hint="pass price_level_col or both gdp_ppp_col and gdp_xr_col",
        )
    out = frame.copy()
    if reference is not None:
        is_ref = (out["iso3"] == reference).to_numpy()
        ref = pd.Series(raw.to_numpy()[is_ref], index=out["year"].to_numpy()[is_ref])
        if ref.index.duplicated().any():
            raise SchemaError(
                f"{reference} has several rows in one year",
                field="iso3",
                value=reference,
                hint="give one row per iso3 and year",
            )
        raw = raw / out["year"].map(ref).astype(float)
    out["erdi"] = raw.to_numpy()
    prov.carry(out, frame)
    prov.attach(
        out,
        prov.get(out).with_method(
            "worldsystem.measures.exchange.erdi", {**params, "reference": reference}, _CITE_KOHLER
        ),
    )
    prov.set_units(out, {"erdi": "unitless (market exchange rate / PPP)"})
    return out


def erdi_transfer(
    frame: pd.DataFrame,
    *,
    exports_col: str,
    gdp_col: str | None = None,
    erdi_col: str = "erdi",
) -> pd.DataFrame:
    r"""Köhler's value transfer through exports at deviating exchange rates.

    .. math::

        T_{rt} = X_{rt}\,(\text{ERDI}_{rt} - 1), \qquad
        \text{share}_{rt} = T_{rt} / \text{GDP}_{rt}

    (Köhler 1998): exports :math:`X` (USD million at market exchange rates)
    re-valued at PPP, :math:`\text{ERDI} \cdot X`, minus their market value.
    Sign: **positive T is a transfer from the exporting country to its buyers**
    (the exporter's currency is undervalued, ERDI > 1); negative T (ERDI < 1)
    is a transfer to the exporter. Köhler applies it to the periphery's exports
    to the core; here :math:`X` is whatever the caller passes, typically
    exports to IMF advanced (high-income) economies from COW trade or WIOD.

    Parameters
    ----------
    frame : pandas.DataFrame
        ``iso3, year``, ``erdi_col`` (from :func:`erdi`), ``exports_col`` and
        optionally ``gdp_col``.
    exports_col : str
        Exports, USD million (current, market exchange rates).
    gdp_col : str, optional
        GDP at market exchange rates, USD million (current); gives
        ``transfer_share_gdp``.
    erdi_col : str

    Returns
    -------
    pandas.DataFrame
        ``frame`` with ``transfer_musd`` (USD million, current) and, if
        ``gdp_col`` is given, ``transfer_share_gdp`` (fraction).

    Examples
    --------
    >>> f = pd.DataFrame({"iso3": ["IND"], "year": [2011], "erdi": [3.0], "x": [100.0],
    ...                   "gdp": [1000.0]})
    >>> erdi_transfer(f, exports_col="x", gdp_col="gdp")[["transfer_musd",
    ...     "transfer_share_gdp"]].values.tolist()
    [[200.0, 0.2]]
    """
    cols = ["iso3", "year", erdi_col, exports_col] + ([gdp_col] if gdp_col else [])
    require_columns(frame, cols, name="erdi_transfer input")
    out = frame.copy()
    out["transfer_musd"] = out[exports_col].astype(float) * (out[erdi_col].astype(float) - 1.0)
    units = {"transfer_musd": "USD million, current"}
    if gdp_col:
        gdp = out[gdp_col].astype(float)
        out["transfer_share_gdp"] = (out["transfer_musd"] / gdp).where(gdp > 0)
        units["transfer_share_gdp"] = "fraction of GDP at exchange rates"
    prov.carry(out, frame)
    prov.attach(
        out,
        prov.get(out).with_method(
            "worldsystem.measures.exchange.erdi_transfer",
            {"exports": exports_col, "gdp": gdp_col},
            _CITE_KOHLER,
        ),
    )
    prov.set_units(out, units)
    return out


# ---------------------------------------------------------------------- rankings
def erdi_south_to_north(
    frame: pd.DataFrame,
    *,
    group_col: str = "group",
    south: str = "South",
    transfer_col: str = "transfer_musd",
) -> pd.DataFrame:
    r"""Köhler's aggregate: the transfer from the South to the North, per year.

    .. math:: T^{S 	o N}_t = \sum_{r \in S} T_{rt}

    the sum of :func:`erdi_transfer` over the Southern exporters, whose exports to
    the North are revalued (Köhler 1998 reports this total for the periphery's
    exports to the core). Northern exporters' rows are not summed. Missing
    transfers are left out and counted.

    Parameters
    ----------
    frame : pandas.DataFrame
        ``year``, ``group_col`` and ``transfer_col`` (USD million, current).
    group_col, south, transfer_col : str

    Returns
    -------
    pandas.DataFrame
        ``year, transfer_south_north_musd, n_south`` (USD million, current; the
        number of Southern exporters summed).

    Examples
    --------
    >>> f = pd.DataFrame({"year": 2000, "group": ["South", "South", "North"],
    ...                   "transfer_musd": [200.0, 50.0, -10.0]})
    >>> erdi_south_to_north(f).values.tolist()
    [[2000.0, 250.0, 2.0]]
    """
    require_columns(frame, ["year", group_col, transfer_col], name="erdi_south_to_north input")
    south_rows = frame[(frame[group_col] == south) & frame[transfer_col].notna()]
    g = south_rows.groupby("year")[transfer_col]
    years = np.sort(frame["year"].unique())
    out = pd.DataFrame({"year": years})
    out["transfer_south_north_musd"] = g.sum().reindex(years, fill_value=0.0).to_numpy()
    out["n_south"] = g.size().reindex(years, fill_value=0).to_numpy(dtype="int64")
    prov.carry(out, frame)
    prov.attach(
        out,
        prov.get(out).with_method(
            "worldsystem.measures.exchange.erdi_south_to_north", {"south": south}, _CITE_KOHLER
        ),
    )
    prov.set_units(out, {"transfer_south_north_musd": "USD million, current"})
    return out


def top_appropriators(
    exchange_frame: pd.DataFrame,
    *,
    n: int = 10,
    by: str = "net_hours",
    gdp_col: str | None = None,
    include_pseudo: bool = False,
) -> pd.DataFrame:
    r"""The top net appropriators and net appropriated countries of each year.

    Appropriators have the most negative ``by`` (they receive more than they
    give); appropriated countries the most positive. With ``gdp_col`` the
    drain as a share of GDP is added, :math:`\text{by}_{rt} / \text{GDP}_{rt}`
    (use a monetary ``by`` such as ``net_transfer_musd`` with GDP in USD
    million).

    Parameters
    ----------
    exchange_frame : pandas.DataFrame
        ``iso3, year`` and ``by`` (e.g. from :func:`value_labour_flows`).
    n : int
        Countries per side and year.
    by : str
        ``"net_hours"``, ``"net_transfer_musd"``, ``"net_value_added_musd"``...
    gdp_col : str, optional
        GDP column for ``share_gdp``.
    include_pseudo : bool
        Keep pseudo-regions (``ROW``); default False.

    Returns
    -------
    pandas.DataFrame
        ``year, role, rank, iso3, value`` (and ``share_gdp``), ``role`` in
        ``{"appropriator", "appropriated"}``, rank 1 = largest in magnitude.
        Only countries with the matching sign are listed.
    """
    if n < 1:
        raise ModelError(f"n={n} is not positive", field="n", value=n, hint="use n >= 1")
    require_columns(
        exchange_frame, ["iso3", "year", by] + ([gdp_col] if gdp_col else []), name="exchange"
    )
    f = exchange_frame
    if not include_pseudo:
        pseudo = (
            f["pseudo_region"].to_numpy(dtype=bool)
            if "pseudo_region" in f.columns
            else _pseudo(f["iso3"])
        )
        f = f[~pseudo]
    f = f[f[by].notna()]
    parts = []
    for role, sign in (("appropriator", -1.0), ("appropriated", 1.0)):
        side = f[np.sign(f[by].astype(float)) == sign].copy()
        side["_key"] = side[by].astype(float) * sign
        side = side.sort_values(["year", "_key", "iso3"], ascending=[True, False, True])
        side = side.groupby("year", sort=True).head(n)
        side["rank"] = side.groupby("year").cumcount() + 1
        side["role"] = role
        parts.append(side)
    res = pd.concat(parts, ignore_index=True)
    out = pd.DataFrame(
        {
            "year": res["year"],
            "role": res["role"],
            "rank": res["rank"].astype(int),
            "iso3": res["iso3"],
            "value": res[by].astype(float),
        }
    )
    if gdp_col:
        gdp = res[gdp_col].astype(float)
        out["share_gdp"] = (res[by].astype(float) / gdp).where(gdp > 0).to_numpy()
    out = out.sort_values(["year", "role", "rank"]).reset_index(drop=True)
    prov.carry(out, exchange_frame)
    prov.attach(
        out,
        prov.get(out).with_method(
            "worldsystem.measures.exchange.top_appropriators",
            {"n": n, "by": by, "gdp": gdp_col, "include_pseudo": include_pseudo},
        ),
    )
    return out
