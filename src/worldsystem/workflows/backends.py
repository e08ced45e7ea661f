"""Data backends: where a workflow's inputs come from, behind one protocol.

A workflow never asks "is this the example world?". It asks its context's
:class:`Backend` for a source frame (:meth:`Backend.load`), the country-year panel
(:meth:`Backend.country_panel`), an MRIO table (:meth:`Backend.mrio`), the UN roll
calls or a group's members, and gets the same column names and units from either
implementation:

- :class:`FolderBackend` reads a folder of the public releases through the
  ``sources`` loaders and the ``panels`` builders;
- :class:`ExampleBackend` serves the synthetic example world
  (:func:`worldsystem.example.world`) *as if* it were those sources: each frame it
  returns has the columns and units of the real loader or panel it stands for
  (:data:`EXAMPLE_PANEL_COLUMNS` is the one mapping from the example world's own
  columns to the panel's). Sources the example world does not plant (armed
  conflicts, US deployments, ILO labour, the map geometry) are unavailable.

The backend also answers the few questions whose answer is a fact about the world
and not about the method: which states stand for the US, China and Russia
(:attr:`Backend.poles`), who the advanced economies are
(:meth:`Backend.member_mask`), which states are candidate great powers for the
polarity indices (:attr:`Backend.polarity_among`), the default year range of a measure family
(:meth:`Backend.default_years`) and, on the example world only, the zones it
planted (:meth:`Backend.planted_zones`).

Example data still says so loudly: :attr:`Backend.is_example` feeds the banners,
and every frame an :class:`ExampleBackend` returns carries the example world's
provenance (``Provenance.is_example``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
import pandas as pd

from worldsystem.core.errors import WorldsystemError
from worldsystem.core.provenance import Provenance, attach, set_units
from worldsystem.panels.mrio_sources import MRIO_SOURCES as _MRIO_DATABASES

__all__ = [
    "EXAMPLE_PANEL_COLUMNS",
    "EXAMPLE_SOURCES",
    "Backend",
    "ExampleBackend",
    "FolderBackend",
    "MissingData",
]


class MissingData(WorldsystemError):
    """A computation's dataset is not available."""

    def __init__(
        self, source_ids: list[str] | tuple[str, ...], detail: str = "", *, hint: str | None = None
    ) -> None:
        self.source_ids = tuple(source_ids)
        ids = " ".join(self.source_ids)
        super().__init__(
            f"dataset(s) not available: {', '.join(self.source_ids)}"
            + (f" ({detail})" if detail else ""),
            hint=hint
            or f"worldsystem data fetch {ids}  (or point --data at a folder holding them)",
        )


#: The three poles of the alignment measures on real data: the US, China, Russia.
REAL_POLES = ("USA", "CHN", "RUS")

#: Default year range of each measure family on real data (inclusive): the
#: position measures default to the COW trade years after decolonisation (the
#: MRIO families take the WIOD 2013 release's coverage from its catalogue entry).
REAL_DEFAULT_YEARS = {"position": (1965, 2014)}


@runtime_checkable
class Backend(Protocol):
    """What a workflow may ask of its data.

    Every frame has the column names and units of the corresponding
    ``sources`` loader or ``panels`` builder, and carries provenance.
    """

    #: True for the synthetic example world (banners and provenance say so).
    is_example: bool
    #: Short description for messages ("the data folder /x", "the example world").
    label: str
    #: The folder read, or None for the example world.
    data: Path | None
    #: ISO3 codes of the states standing for the US, China and Russia.
    poles: tuple[str, str, str]
    #: Candidate great powers of the polarity indices: ``"candidates"`` (the fixed
    #: great powers of each era, :data:`worldsystem.measures.polarity.GREAT_POWER_ERAS`),
    #: ``"majors"`` (the COW major powers of each year) or ``"all"`` states.
    polarity_among: str

    def available(self, source_id: str) -> bool: ...

    def require(self, *source_ids: str) -> None: ...

    def load(self, source_id: str, **options: Any) -> Any: ...

    def load_extra(self, source_id: str, name: str) -> pd.DataFrame: ...

    def country_panel(self, adds: list[str]) -> pd.DataFrame: ...

    def roll_calls(self) -> pd.DataFrame: ...

    #: The MRIO source used when a run names none (``"wiod2013"``, ``"example"``).
    default_mrio: str
    #: Every MRIO source this kind of backend can serve (available or not).
    mrio_catalogue: tuple[str, ...]

    def mrio_sources(self) -> list[str]: ...

    def mrio_years(self, source: str | None = None) -> list[int]: ...

    def mrio(self, year: int, *, labour: bool = True, source: str | None = None) -> Any: ...

    def member_mask(self, iso3: Any, group: str, years: Any) -> np.ndarray: ...

    def default_years(self, family: str) -> tuple[int, int]: ...

    def planted_zones(self) -> dict[str, str] | None: ...

    def provenance(self) -> Provenance: ...


# ----------------------------------------------------------------------------- MRIO
#: MRIO databases a data folder can hold: WIOD 2013 and the four of
#: :data:`worldsystem.panels.mrio_sources.MRIO_SOURCES`.
MRIO_SOURCES = ("wiod2013", *_MRIO_DATABASES)


def check_mrio_source(source: str | None, default: str, known: tuple[str, ...]) -> str:
    """``source`` (or ``default`` when None), checked against the backend's ``known``.

    Raises
    ------
    WorldsystemError
        ``source`` is not one of ``known`` (field ``mrio``).
    """
    name = default if source is None else str(source)
    if name not in known:
        hint = (
            "the example world has one table of its own; pass --data for the MRIO databases"
            if known == ("example",)
            else f"choose one of {', '.join(known)}"
        )
        raise WorldsystemError("unknown MRIO source", field="mrio", value=name, hint=hint)
    return name


# ----------------------------------------------------------------------------- folder
class FolderBackend:
    """The public releases in a data folder (``--data``, ``$WORLDSYSTEM_DATA`` or the
    fetch cache), read through the ``sources`` loaders and ``panels`` builders.

    Parameters
    ----------
    data : path
        The folder, one sub-folder per dataset (see ``worldsystem data list``).
    """

    is_example = False
    poles = REAL_POLES
    polarity_among = "candidates"

    def __init__(self, data: str | os.PathLike[str]) -> None:
        self.data = Path(data)
        self.label = f"the data folder {self.data}"

    def __repr__(self) -> str:
        return f"FolderBackend({str(self.data)!r})"

    def available(self, source_id: str) -> bool:
        from worldsystem.sources import info

        return info(source_id).available(self.data)

    def require(self, *source_ids: str) -> None:
        missing = [s for s in dict.fromkeys(source_ids) if not self.available(s)]
        if missing:
            raise MissingData(missing)

    def load(self, source_id: str, **options: Any) -> Any:
        self.require(source_id)
        from worldsystem.sources import load

        return load(source_id, self.data, **options)

    def load_extra(self, source_id: str, name: str) -> pd.DataFrame:
        """A source's secondary table: ``load_<name>`` of its module (e.g. UCDP
        participants, US bases, UN roll calls)."""
        self.require(source_id)
        from worldsystem.sources import module

        return getattr(module(source_id), f"load_{name}")(self.data)

    def country_panel(self, adds: list[str]) -> pd.DataFrame:
        from worldsystem import panels
        from worldsystem.panels.build import COUNTRY_SOURCES

        self.require("cow_states", *(s for a in adds for s in COUNTRY_SOURCES[a]))
        return panels.country_panel(adds=adds, data=self.data)

    def roll_calls(self) -> pd.DataFrame:
        return self.load_extra("unvotes", "roll_calls")

    default_mrio = "wiod2013"
    mrio_catalogue = MRIO_SOURCES

    def mrio_sources(self) -> list[str]:
        """The MRIO databases whose files this folder holds (:data:`MRIO_SOURCES`)."""
        return [s for s in MRIO_SOURCES if self.available(s)]

    def mrio_years(self, source: str | None = None) -> list[int]:
        from worldsystem.sources import catalogue

        source = check_mrio_source(source, self.default_mrio, MRIO_SOURCES)
        self.require(source)
        return [int(y) for y in catalogue.module(source).years(self.data)]

    def mrio(self, year: int, *, labour: bool = True, source: str | None = None) -> Any:
        """The MRIO table of ``source`` (default WIOD 2013) for ``year``.

        WIOD: with ``labour``, its hours satellite from PWT and the GGDC/ILO labour
        data (:func:`worldsystem.panels.mrio`). Other sources
        (:func:`worldsystem.panels.mrio_sources.mrio_table`): euro tables are
        converted to USD million (:func:`~worldsystem.panels.mrio_sources.to_usd`),
        and with ``labour`` a table without an hours account gets one from the
        labour panels (:func:`~worldsystem.panels.mrio_sources.labour_join`).
        """
        from worldsystem import panels
        from worldsystem.panels import mrio_sources

        source = check_mrio_source(source, self.default_mrio, MRIO_SOURCES)
        if source == "wiod2013":
            if labour:
                self.require("wiod2013", "pwt")
                kind = "pwt-ggdc"
            else:
                self.require("wiod2013")
                kind = None
            return panels.mrio(int(year), data=self.data, labour=kind)
        self.require(source)
        m = mrio_sources.to_usd(
            mrio_sources.mrio_table(source, int(year), data=self.data), data=self.data
        )
        if labour and "labour_hours" not in m.satellites:
            self.require("pwt", "labour")
            m = mrio_sources.labour_join(m, source, data=self.data)
        return m

    def member_mask(self, iso3: Any, group: str, years: Any) -> np.ndarray:
        from worldsystem import countries

        return countries.member_mask(np.asarray(iso3), group, np.asarray(years))

    def default_years(self, family: str) -> tuple[int, int]:
        if family == "mrio":
            from worldsystem.sources import catalogue

            return catalogue.coverage("wiod2013")
        return REAL_DEFAULT_YEARS[family]

    def planted_zones(self) -> dict[str, str] | None:
        """None: the real world has no planted partition (measure it instead)."""
        return None

    def provenance(self) -> Provenance:
        return Provenance()


# ----------------------------------------------------------------------------- example
#: Sources the example world plants, and so serves in their loaders' layout.
EXAMPLE_SOURCES = frozenset(
    {
        "cow_states",
        "cow_nmc",
        "maddison",
        "pwt",
        "imf_weo",
        "sipri_milex",
        "nuclear",
        "gapminder",
        "cow_trade",
        "sipri_tiv",
        "atop",
        "unvotes",
    }
)

#: The example world's country-year columns as the country panel's: for each
#: ``add_*`` name (as in :data:`worldsystem.panels.build.COUNTRY_SOURCES`), the
#: panel column, the example column and the factor from the example's unit
#: (:data:`worldsystem.example.world.UNITS`) to the panel's
#: (:mod:`worldsystem.core.columns`, whose units the frame records). The example
#: plants a subset of each adder's columns (e.g. PWT's current-PPP output, not its
#: chained real GDP).
#: The example GDP at PPP is in current international dollars; it stands in for
#: Maddison's 2011 PPP and PWT's current-PPP output alike.
EXAMPLE_PANEL_COLUMNS: dict[str, tuple[tuple[str, str, float], ...]] = {
    "capabilities": (
        ("milex_nmc_thousands", "milex", 1.0),
        ("milper_thousands", "milper", 1.0),
        ("irst_thousand_tons", "irst", 1.0),
        ("pec_thousand_coal_tons", "pec", 1.0),
        ("tpop_thousands", "tpop", 1.0),
        ("upop_thousands", "upop", 1.0),
    ),
    "gdp_maddison": (
        ("gdppc_mpd_2011ppp", "gdppc_ppp", 1.0),
        ("pop_mpd_thousands", "pop", 1.0),
        ("gdp_mpd_musd_2011ppp", "gdp_ppp", 1.0),
    ),
    "gdp_pwt": (
        ("cgdpo_musd_current_ppp", "gdp_ppp", 1.0),
        ("pop_pwt_millions", "pop", 1e-3),
    ),
    "prices_pwt": (("pl_gdpo_usa2017", "price_level", 1.0),),
    "gdp_weo": (("ngdpd_busd_current", "gdp_usd", 1e-3),),
    "milex_sipri": (("milex_musd_current", "milex", 1e-3),),
    "warheads": (("warheads", "warheads", 1.0),),
    "fdi": (
        ("fdi_out_pct_gdp", "fdi_out_pct_gdp", 1.0),
        ("fdi_in_pct_gdp", "fdi_in_pct_gdp", 1.0),
    ),
}

#: Gapminder indicator -> example column (the long layout of the gapminder loader).
_EXAMPLE_GAPMINDER = {
    "foreign_direct_investment_net_inflows_percent_of_gdp": "fdi_in_pct_gdp",
    "foreign_direct_investment_net_outflows_percent_of_gdp": "fdi_out_pct_gdp",
}


class ExampleBackend:
    """The synthetic example world, served in the layouts of the real sources.

    Parameters
    ----------
    world : ExampleWorld
        :func:`worldsystem.example.world` output.
    seed : int
        The seed it was built with (for labels).
    """

    is_example = True
    data = None
    polarity_among = "all"  # the example world has no major-power list

    def __init__(self, world: Any, seed: int = 0) -> None:
        self.world = world
        self.seed = seed
        self.label = "the example world"
        self.poles = self._poles()

    def __repr__(self) -> str:
        return f"ExampleBackend(seed={self.seed})"

    def _poles(self) -> tuple[str, str, str]:
        """Bloc A's leader (the US), bloc B's leader (China) and bloc B's next
        member (Russia)."""
        leaders = self.world.truth.bloc_leaders
        a, b = leaders["A"], leaders["B"]
        cy = self.world.countries
        others = cy[(cy["bloc"] == "B") & (cy["iso3"] != b)]["iso3"]
        return (a, b, others.iloc[0] if len(others) else b)

    # -- availability
    def available(self, source_id: str) -> bool:
        return source_id in EXAMPLE_SOURCES

    def require(self, *source_ids: str) -> None:
        missing = [s for s in dict.fromkeys(source_ids) if not self.available(s)]
        if missing:
            raise MissingData(
                missing,
                "the example world does not plant them",
                hint="point --data at a folder of the public datasets "
                f"(worldsystem data fetch {' '.join(missing)})",
            )

    def _finish(self, frame: pd.DataFrame, units: dict[str, str] | None = None) -> pd.DataFrame:
        attach(frame, self.world.provenance)
        if units:
            set_units(frame, units)
        return frame

    # -- sources
    def load(self, source_id: str, **options: Any) -> Any:
        """The example world's frame in the layout of ``sources.load(source_id)``."""
        self.require(source_id)
        w = self.world
        if source_id == "cow_trade":
            tr = w.trade[["iso3_o", "iso3_d", "year", "flow_musd"]]
            return self._finish(
                tr.rename(columns={"flow_musd": "flow_musd_current"}),
                {"flow_musd_current": "USD million, current"},
            )
        if source_id == "sipri_tiv":
            arms = w.arms.rename(columns={"tiv": "tiv_millions"})
            return self._finish(arms, {"tiv_millions": "trend-indicator value, millions"})
        if source_id == "atop":
            al = w.alliances.assign(offense=0)
            return self._finish(al)
        if source_id == "unvotes":
            return self._finish(w.votes[["rcid", "iso3", "vote"]].copy())
        if source_id == "pwt":
            cy = w.country_years
            # the example world plants no labour share: labsh = 1 makes the wage
            # proxy value added per hour (see workflows.exchange)
            f = pd.DataFrame(
                {
                    "iso3": cy["iso3"],
                    "year": cy["year"],
                    "cgdpo": cy["gdp_ppp"],
                    "pl_gdpo": cy["price_level"],
                    "pop": cy["pop"] / 1e3,
                    "labsh": 1.0,
                }
            )
            return self._finish(f)
        if source_id == "imf_weo":
            cy = w.country_years
            f = pd.DataFrame(
                {
                    "iso3": cy["iso3"],
                    "year": cy["year"],
                    "indicator": "NGDPD",
                    "value": cy["gdp_usd"] / 1e3,
                    "is_estimate": False,
                }
            )
            return self._finish(f)
        if source_id == "gapminder":
            wanted = options.get("indicators") or list(_EXAMPLE_GAPMINDER)
            cy = w.country_years
            parts = [
                pd.DataFrame(
                    {
                        "iso3": cy["iso3"],
                        "year": cy["year"],
                        "indicator": ind,
                        "value": cy[_EXAMPLE_GAPMINDER[ind]],
                    }
                )
                for ind in wanted
                if ind in _EXAMPLE_GAPMINDER
            ]
            if not parts:
                raise MissingData(["gapminder"], f"the example world has no {wanted[0]!r}")
            return self._finish(pd.concat(parts, ignore_index=True))
        panel_add = {
            "cow_nmc": "capabilities",
            "maddison": "gdp_maddison",
            "sipri_milex": "milex_sipri",
            "nuclear": "warheads",
            "cow_states": None,
        }
        if source_id in panel_add:
            adds = [panel_add[source_id]] if panel_add[source_id] else []
            return self.country_panel(adds)
        raise MissingData([source_id], "the example world has no loader layout for it")

    def load_extra(self, source_id: str, name: str) -> pd.DataFrame:
        self.require(source_id)
        if source_id == "unvotes" and name == "roll_calls":
            return self.roll_calls()
        if source_id == "cow_trade" and name == "national":
            # the world's own totals: its dyads are complete by construction
            tr = self.load("cow_trade")
            imp = tr.groupby(["iso3_d", "year"], as_index=False)["flow_musd_current"].sum()
            return imp.rename(
                columns={"iso3_d": "iso3", "flow_musd_current": "imports_musd_current"}
            )
        raise MissingData([source_id], f"the example world has no {name} table")

    def country_panel(self, adds: list[str]) -> pd.DataFrame:
        """The example country-years with the panel columns of each ``add_*`` name."""
        unknown = [a for a in adds if a not in EXAMPLE_PANEL_COLUMNS]
        if unknown:
            from worldsystem.panels.build import COUNTRY_SOURCES

            self.require(*(s for a in unknown for s in COUNTRY_SOURCES.get(a, (a,))))
        cy = self.world.country_years
        # keyed by iso3 and year only: the example world is not COW-based (no ccode)
        out = pd.DataFrame({"iso3": cy["iso3"].to_numpy(), "year": cy["year"].to_numpy()})
        from worldsystem.core import columns

        for a in adds:
            for col, src, factor in EXAMPLE_PANEL_COLUMNS[a]:
                out[col] = cy[src].to_numpy(dtype="float64") * factor
        names = [c for a in adds for c, _, _ in EXAMPLE_PANEL_COLUMNS[a]]
        return self._finish(out, columns.units(columns.select(*names)))

    def roll_calls(self) -> pd.DataFrame:
        return self.world.roll_calls

    # -- MRIO
    default_mrio = "example"
    mrio_catalogue = ("example",)

    def mrio_sources(self) -> list[str]:
        return ["example"]

    def mrio_years(self, source: str | None = None) -> list[int]:
        check_mrio_source(source, self.default_mrio, ("example",))
        return [int(self.world.mrio.year)]

    def mrio(self, year: int, *, labour: bool = True, source: str | None = None) -> Any:
        """The example world's single MRIO (it has one year; any year maps to it)."""
        check_mrio_source(source, self.default_mrio, ("example",))
        return self.world.mrio

    # -- facts about the world
    def member_mask(self, iso3: Any, group: str, years: Any) -> np.ndarray:
        """Membership in a country group. The example world's advanced economies
        (``IMF_ADVANCED``) are its planted core; it has no other groups."""
        codes = np.asarray(iso3)
        if group == "IMF_ADVANCED":
            cs = self.world.countries
            core = set(cs.loc[cs["zone"] == "core", "iso3"])
            return np.isin(codes, list(core))
        raise WorldsystemError(
            "the example world has no such country group",
            field="group",
            value=group,
            hint="the example world defines only IMF_ADVANCED (its planted core)",
        )

    def default_years(self, family: str) -> tuple[int, int]:
        ys = self.world.country_years["year"]
        if family == "mrio":
            y = int(self.world.mrio.year)
            return (y, y)
        return (int(ys.min()), int(ys.max()))

    def planted_zones(self) -> dict[str, str] | None:
        """ISO3 -> the zone the example world planted (its known truth)."""
        return dict(self.world.truth.zones)

    def provenance(self) -> Provenance:
        return self.world.provenance
