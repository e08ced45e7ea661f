"""One bibliography: every work worldsystem cites, under one citation key each.

Provenance records (``Provenance.citations``, ``MethodRecord.citations``), the
source catalogue (``SourceInfo.citation_key``) and the report cite works by key;
this module turns a key into the full reference.

Key style
---------
One style, the BibTeX ``authorYEARword`` family: the first author's surname (or
an organisation's short name) in lower case without accents, the year, then
optionally the first significant word of the title -- no separators, e.g.
``singer1972``, ``miller2009``, ``bailey2017estimating``. The word is there to
tell apart works with the same author and year, or because the key was coined
with it. Undated datasets (Gapminder, Natural Earth) are keyed by the
organisation alone. :data:`KEY_STYLE` is the pattern; a test checks every key.

Aliases
-------
Some code still cites works under keys of other styles (``miller_blair_2009`` for
``miller2009``) or under a source id (``cow_nmc``). :data:`ALIASES` maps each such
key to its canonical key, says where it is used, and is to be emptied as those
files are renamed (see the alias table's comments).

>>> reference("miller_blair_2009") == reference("miller2009")
True
>>> resolve("miller2009").year
2009
>>> print(reference("hubert1985comparing"))  # doctest: +NORMALIZE_WHITESPACE
Hubert, L., & Arabie, P. (1985). Comparing partitions.
Journal of Classification 2(1), 193-218. doi:10.1007/BF01908075
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from worldsystem.core.errors import WorldsystemError

__all__ = [
    "ALIASES",
    "KEY_STYLE",
    "REFERENCES",
    "Reference",
    "canonical",
    "reference",
    "references",
    "resolve",
    "short_citation",
    "with_short_citations",
]

#: The one key style: ``authorYEARword`` (word optional), or an organisation alone.
KEY_STYLE = re.compile(r"^[a-z]+(\d{4}[a-z]*)?$")


@dataclass(frozen=True)
class Reference:
    """A cited work.

    ``authors`` is written as it is printed ("Miller, R. E., & Blair, P. D.");
    ``venue`` is the journal with volume, issue and pages, the book's publisher, or
    the dataset's host; ``year`` is None for an undated dataset.
    """

    key: str
    authors: str
    year: int | None
    title: str
    venue: str
    doi: str | None = None
    url: str | None = None

    def text(self) -> str:
        """The reference as one line of text (APA-like)."""
        year = "n.d." if self.year is None else str(self.year)
        parts = [f"{self.authors} ({year}). {self.title.rstrip('.')}.", f"{self.venue}."]
        line = " ".join(parts)
        if self.doi:
            line = f"{line.rstrip('.')}. doi:{self.doi}"
        elif self.url:
            line = f"{line} {self.url}"
        return line


def _r(key, authors, year, title, venue, doi=None, url=None) -> tuple[str, Reference]:
    return key, Reference(key, authors, year, title, venue, doi, url)


#: Canonical key -> reference.
REFERENCES: dict[str, Reference] = dict(
    [
        # ----------------------------------------------------------- datasets
        _r("cow2017states", "Correlates of War Project", 2017,
           "State System Membership List, v2016", "Correlates of War Project",
           url="https://correlatesofwar.org/data-sets/state-system-membership/"),
        _r("singer1972", "Singer, J. D., Bremer, S., & Stuckey, J.", 1972,
           "Capability distribution, uncertainty, and major power war, 1820-1965",
           "In B. Russett (Ed.), Peace, War, and Numbers, 19-48. Beverly Hills: Sage"),
        _r("barbieri2009", "Barbieri, K., Keshk, O. M. G., & Pollins, B. M.", 2009,
           "Trading data: Evaluating our assumptions and coding rules",
           "Conflict Management and Peace Science 26(5), 471-491",
           doi="10.1177/0738894209343887"),
        _r("palmer2022", "Palmer, G., McManus, R. W., D'Orazio, V., Kenwick, M. R., "
           "Karstens, M., Bloch, C., Dietrich, N., Kahn, K., Ritter, K., & Soules, M. J.",
           2022, "The MID5 dataset, 2011-2014: Procedures, coding rules, and description",
           "Conflict Management and Peace Science 39(4), 470-482",
           doi="10.1177/0738894221995743"),
        _r("sarkees2010", "Sarkees, M. R., & Wayman, F. W.", 2010,
           "Resort to War: A Data Guide to Inter-state, Extra-state, Intra-state, and "
           "Non-state Wars, 1816-2007", "Washington, DC: CQ Press"),
        _r("bolt2024", "Bolt, J., & van Zanden, J. L.", 2024,
           "Maddison-style estimates of the evolution of the world economy: A new 2023 "
           "update", "Journal of Economic Surveys", doi="10.1111/joes.12618"),
        _r("feenstra2015", "Feenstra, R. C., Inklaar, R., & Timmer, M. P.", 2015,
           "The next generation of the Penn World Table",
           "American Economic Review 105(10), 3150-3182", doi="10.1257/aer.20130954"),
        _r("imf2019weo", "International Monetary Fund", 2019,
           "World Economic Outlook Database, April 2019", "Washington, DC: IMF",
           url="https://www.imf.org/en/Publications/WEO/weo-database/2019/April"),
        _r("sipri2022tiv", "Stockholm International Peace Research Institute", 2022,
           "SIPRI Arms Transfers Database (TIV tables generated 28 July 2022)",
           "Stockholm: SIPRI", url="https://www.sipri.org/databases/armstransfers"),
        _r("sipri2021milex", "Stockholm International Peace Research Institute", 2021,
           "SIPRI Military Expenditure Database", "Stockholm: SIPRI",
           url="https://www.sipri.org/databases/milex"),
        _r("kristensen2021nuclear", "Kristensen, H. M., & Korda, M.", 2021,
           "Nuclear Notebook: estimated global nuclear warhead inventories (as compiled "
           "by Our World in Data, 2021)",
           "Federation of American Scientists / Bulletin of the Atomic Scientists",
           url="https://ourworldindata.org/nuclear-weapons"),
        _r("leeds2002", "Leeds, B. A., Ritter, J. M., Mitchell, S. M., & Long, A. G.", 2002,
           "Alliance Treaty Obligations and Provisions, 1815-1944",
           "International Interactions 28(3), 237-260", doi="10.1080/03050620213653"),
        _r("gleditsch2002", "Gleditsch, N. P., Wallensteen, P., Eriksson, M., "
           "Sollenberg, M., & Strand, H.", 2002, "Armed conflict 1946-2001: A new dataset",
           "Journal of Peace Research 39(5), 615-637", doi="10.1177/0022343302039005007"),
        _r("voeten2009", "Voeten, E., Strezhnev, A., & Bailey, M.", 2009,
           "United Nations General Assembly Voting Data", "Harvard Dataverse, hdl:1902.1/12379",
           url="https://dataverse.harvard.edu/dataset.xhtml?persistentId=hdl:1902.1/12379"),
        _r("allen2022", "Allen, M. A., Flynn, M. E., Machain, C. M., & Stravers, A.", 2022,
           "Global U.S. military deployment data: 1950-2020",
           "Conflict Management and Peace Science 39(3)", doi="10.1177/07388942211030885"),
        _r("timmer2015", "Timmer, M. P., Dietzenbacher, E., Los, B., Stehrer, R., & "
           "de Vries, G. J.", 2015, "An illustrated user guide to the World Input-Output "
           "Database: The case of global automotive production",
           "Review of International Economics 23(3), 575-605", doi="10.1111/roie.12178"),
        _r("timmer2015ggdc", "Timmer, M. P., de Vries, G. J., & de Vries, K.", 2015,
           "Patterns of structural change in developing countries",
           "In J. Weiss & M. Tribe (Eds.), Routledge Handbook of Industry and Development, "
           "65-83. London: Routledge"),
        _r("gapminder", "Gapminder Foundation", None, "Systema Globalis",
           "open-numbers/ddf--gapminder--systema_globalis",
           url="https://github.com/open-numbers/ddf--gapminder--systema_globalis"),
        _r("arelbundock2018", "Arel-Bundock, V., Enevoldsen, N., & Yetman, C. J.", 2018,
           "countrycode: An R package to convert country names and country codes",
           "Journal of Open Source Software 3(28), 848", doi="10.21105/joss.00848"),
        _r("naturalearth", "Natural Earth", None,
           "Admin 0 countries, 1:110m and 1:50m (public domain), as TopoJSON by M. Bostock "
           "(world-atlas 2.0.2)", "naturalearthdata.com",
           url="https://github.com/topojson/world-atlas"),
        # ----------------------------------------------------------- input-output, shocks
        _r("bachmann2022", "Bachmann, R., Baqaee, D., Bayer, C., Kuhn, M., Loeschel, A., "
           "Moll, B., Peichl, A., Pittel, K., & Schularick, M.", 2022,
           "What if? The economic effects for Germany of a stop of energy imports from "
           "Russia", "ECONtribute Policy Brief 28, University of Bonn and University of "
           "Cologne", url="https://www.econtribute.de/RePEc/ajk/ajkpbs/ECONtribute_PB_028_2022.pdf"),
        _r("bachmann2022vox", "Bachmann, R., Baqaee, D., Bayer, C., Kuhn, M., Loeschel, A., "
           "Moll, B., Peichl, A., Pittel, K., & Schularick, M.", 2022,
           "What if Germany is cut off from Russian energy?", "VoxEU column, CEPR, 25 March",
           url="https://voxeu.org/article/what-if-germany-cut-russian-energy"),
        _r("eurostat2023russia", "Eurostat", 2023,
           "EU trade with Russia continues to decline (news release of 3 March 2023: "
           "imports from Russia down 53 % from March to December 2022, Russia's share of "
           "extra-EU exports down from 4 % to 2 % February-December 2022)",
           "Eurostat, Luxembourg; as reported by The Sofia Globe, 3 March 2023",
           url="https://sofiaglobe.com/2023/03/03/statistics-show-scale-of-decline-of-eu-trade-with-russia/"),
        _r("eurostat2023russiajune", "Eurostat", 2023,
           "EU trade with Russia, latest developments to June 2023 (imports from Russia "
           "EUR 21.9 bn in March 2022 to 3.3 bn in June 2023; Russia's share of extra-EU "
           "exports 3.8 % in February 2022 to 1.4 % in June 2023, seasonally adjusted)",
           "Eurostat, Luxembourg; as reported by Agerpres and 247newsreel, August 2023",
           url="https://247newsreel.com/world/469090.html"),
        _r("allianz2022gas", "Allianz Research", 2022,
           "Germany: Limiting economic pain from going cold turkey on Russian gas",
           "Allianz SE, Economic Research, 25 March",
           url="https://www.allianz.com/en/economic_research/publications/specials_fmo/2022_3_25_Germany_RussianGas.html"),
        _r("baqaee2019", "Baqaee, D. R., & Farhi, E.", 2019,
           "The macroeconomic impact of microeconomic shocks: Beyond Hulten's theorem",
           "Econometrica 87(4), 1155-1203", doi="10.3982/ECTA15202"),
        _r("baqaee2021", "Baqaee, D. R., & Farhi, E.", 2021,
           "Networks, barriers, and trade", "NBER Working Paper 26108 (revised 2021)",
           doi="10.3386/w26108"),
        _r("hassler2021", "Hassler, J., Krusell, P., & Olovsson, C.", 2021,
           "Directed technical change as a response to natural resource scarcity",
           "Journal of Political Economy 129(11), 3039-3072", doi="10.1086/715849"),
        _r("miller2009", "Miller, R. E., & Blair, P. D.", 2009,
           "Input-Output Analysis: Foundations and Extensions (2nd ed.)",
           "Cambridge: Cambridge University Press", doi="10.1017/CBO9780511626982"),
        _r("haimes2001", "Haimes, Y. Y., & Jiang, P.", 2001,
           "Leontief-based model of risk in complex interconnected infrastructures",
           "Journal of Infrastructure Systems 7(1), 1-12",
           doi="10.1061/(ASCE)1076-0342(2001)7:1(1)"),
        _r("santos2004", "Santos, J. R., & Haimes, Y. Y.", 2004,
           "Modeling the demand reduction input-output (I-O) inoperability due to "
           "terrorism of interconnected infrastructures", "Risk Analysis 24(6), 1437-1451",
           doi="10.1111/j.0272-4332.2004.00540.x"),
        _r("oosterhaven1988", "Oosterhaven, J.", 1988,
           "On the plausibility of the supply-driven input-output model",
           "Journal of Regional Science 28(2), 203-217",
           doi="10.1111/j.1467-9787.1988.tb01208.x"),
        _r("peters2008production", "Peters, G. P.", 2008,
           "From production-based to consumption-based national emission inventories",
           "Ecological Economics 65(1), 13-23", doi="10.1016/j.ecolecon.2007.10.014"),
        # ----------------------------------------------------------- unequal exchange
        _r("hickel2022imperialist", "Hickel, J., Dorninger, C., Wieland, H., & Suwandi, I.",
           2022, "Imperialist appropriation in the world economy: Drain from the global "
           "South through unequal exchange, 1990-2015", "Global Environmental Change 73, "
           "102467", doi="10.1016/j.gloenvcha.2022.102467"),
        _r("hickel2021plunder", "Hickel, J., Sullivan, D., & Zoomkawala, H.", 2021,
           "Plunder in the post-colonial era: Quantifying drain from the global South "
           "through unequal exchange, 1960-2018",
           "New Political Economy 26(6), 1030-1047", doi="10.1080/13563467.2021.1899153"),
        _r("hickel2024unequal", "Hickel, J., Hanbury Lemos, M., & Barbour, F.", 2024,
           "Unequal exchange of labour in the world economy",
           "Nature Communications 15, 6298", doi="10.1038/s41467-024-49687-y"),
        _r("kohler1998structure", "Köhler, G.", 1998,
           "The structure of global money and world tables of unequal exchange",
           "Journal of World-Systems Research 4(2), 145-168"),
        # ----------------------------------------------------------- dependence
        _r("brown1949applied", "Brown, A. J.", 1949,
           "Applied Economics: Aspects of the World Economy in War and Peace",
           "London: George Allen & Unwin"),
        _r("kojima1964pattern", "Kojima, K.", 1964,
           "The pattern of international trade among advanced countries",
           "Hitotsubashi Journal of Economics 5(1), 16-36"),
        _r("hirschman1945national", "Hirschman, A. O.", 1945,
           "National Power and the Structure of Foreign Trade",
           "Berkeley: University of California Press"),
        _r("herfindahl1950concentration", "Herfindahl, O. C.", 1950,
           "Concentration in the Steel Industry", "PhD dissertation, Columbia University"),
        # ----------------------------------------------------------- imperialism
        _r("lenin1916imperialism", "Lenin, V. I.", 1916,
           "Imperialism, the Highest Stage of Capitalism",
           "Written 1916, first published Petrograd: Zhizn' i Znanie, 1917"),
        _r("hobson1902", "Hobson, J. A.", 1902, "Imperialism: A Study",
           "London: James Nisbet"),
        _r("starrs2013american", "Starrs, S.", 2013,
           "American economic power hasn't declined - it globalized! Summoning the data "
           "and taking globalization seriously", "International Studies Quarterly 57(4), "
           "817-830", doi="10.1111/isqu.12053"),
        # ----------------------------------------------------------- polarity
        _r("ray1973measuring", "Ray, J. L., & Singer, J. D.", 1973,
           "Measuring the concentration of power in the international system",
           "Sociological Methods & Research 1(4), 403-437", doi="10.1177/004912417300100401"),
        _r("mansfield1993concentration", "Mansfield, E. D.", 1993,
           "Concentration, polarity, and the distribution of power",
           "International Studies Quarterly 37(1), 105-128", doi="10.2307/2600833"),
        _r("beckley2018power", "Beckley, M.", 2018,
           "The power of nations: Measuring what matters",
           "International Security 43(2), 7-44", doi="10.1162/isec_a_00328"),
        _r("wohlforth1999stability", "Wohlforth, W. C.", 1999,
           "The stability of a unipolar world", "International Security 24(1), 5-41",
           doi="10.1162/016228899560031"),
        _r("waltz1979theory", "Waltz, K. N.", 1979, "Theory of International Politics",
           "Reading, MA: Addison-Wesley"),
        _r("brooks2016rise", "Brooks, S. G., & Wohlforth, W. C.", 2016,
           "The rise and fall of the great powers in the twenty-first century: China's "
           "rise and the fate of America's global position",
           "International Security 40(3), 7-53", doi="10.1162/ISEC_a_00225"),
        _r("tunsjo2018return", "Tunsjø, Ø.", 2018,
           "The Return of Bipolarity in World Politics: China, the United States, and "
           "Geostructural Realism", "New York: Columbia University Press"),
        _r("levy1983war", "Levy, J. S.", 1983,
           "War in the Modern Great Power System, 1495-1975",
           "Lexington: University Press of Kentucky"),
        # ----------------------------------------------------------- blocs
        _r("bailey2017estimating", "Bailey, M. A., Strezhnev, A., & Voeten, E.", 2017,
           "Estimating dynamic state preferences from United Nations voting data",
           "Journal of Conflict Resolution 61(2), 430-456", doi="10.1177/0022002715595700"),
        _r("imai2016fast", "Imai, K., Lo, J., & Olmsted, J.", 2016,
           "Fast estimation of ideal points with massive data",
           "American Political Science Review 110(4), 631-656",
           doi="10.1017/S000305541600037X"),
        _r("hage2011choice", "Häge, F. M.", 2011,
           "Choice or circumstance? Adjusting measures of foreign policy similarity for "
           "chance agreement", "Political Analysis 19(3), 287-305",
           doi="10.1093/pan/mpr023"),
        _r("blondel2008fast", "Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & "
           "Lefebvre, E.", 2008, "Fast unfolding of communities in large networks",
           "Journal of Statistical Mechanics: Theory and Experiment, P10008",
           doi="10.1088/1742-5468/2008/10/P10008"),
        _r("traag2019louvain", "Traag, V. A., Waltman, L., & van Eck, N. J.", 2019,
           "From Louvain to Leiden: guaranteeing well-connected communities",
           "Scientific Reports 9, 5233", doi="10.1038/s41598-019-41695-z"),
        _r("voeten2000clashes", "Voeten, E.", 2000, "Clashes in the Assembly",
           "International Organization 54(2), 185-215", doi="10.1162/002081800551163"),
        _r("signorino1999tau", "Signorino, C. S., & Ritter, J. M.", 1999,
           "Tau-b or not tau-b: Measuring the similarity of foreign policy positions",
           "International Studies Quarterly 43(1), 115-144", doi="10.1111/0020-8833.00113"),
        # ----------------------------------------------------------- world-system position
        _r("arrighi1986stratification", "Arrighi, G., & Drangel, J.", 1986,
           "The stratification of the world-economy: An exploration of the semiperipheral "
           "zone", "Review (Fernand Braudel Center) 10(1), 9-74"),
        _r("babones2005country", "Babones, S. J.", 2005,
           "The country-level income structure of the world-economy",
           "Journal of World-Systems Research 11(1), 29-55"),
        _r("borgatti1999models", "Borgatti, S. P., & Everett, M. G.", 1999,
           "Models of core/periphery structures", "Social Networks 21(4), 375-395",
           doi="10.1016/S0378-8733(99)00019-2"),
        _r("boyd2010computing", "Boyd, J. P., Fitzgerald, W. J., Mahutga, M. C., & "
           "Smith, D. A.", 2010, "Computing continuous core/periphery structures for "
           "social relations data with MINRES/SVD", "Social Networks 32(2), 125-137",
           doi="10.1016/j.socnet.2009.09.003"),
        _r("clark2009new", "Clark, R., & Beckfield, J.", 2009,
           "A new trichotomous measure of world-system position using the international "
           "trade network", "International Journal of Comparative Sociology 50(1), 5-38",
           doi="10.1177/0020715208098615"),
        _r("silverman1981using", "Silverman, B. W.", 1981,
           "Using kernel density estimates to investigate multimodality",
           "Journal of the Royal Statistical Society B 43(1), 97-99",
           doi="10.1111/j.2517-6161.1981.tb01155.x"),
        _r("snyder1979structural", "Snyder, D., & Kick, E. L.", 1979,
           "Structural position in the world system and economic growth, 1955-1970: A "
           "multiple-network analysis of transnational interactions",
           "American Journal of Sociology 84(5), 1096-1126", doi="10.1086/226902"),
        _r("breiger1975algorithm", "Breiger, R. L., Boorman, S. A., & Arabie, P.", 1975,
           "An algorithm for clustering relational data with applications to social "
           "network analysis and comparison with multidimensional scaling",
           "Journal of Mathematical Psychology 12(3), 328-383",
           doi="10.1016/0022-2496(75)90028-0"),
        _r("smith1992structure", "Smith, D. A., & White, D. R.", 1992,
           "Structure and dynamics of the global economy: Network analysis of "
           "international trade 1965-1980", "Social Forces 70(4), 857-893",
           doi="10.2307/2580193"),
        _r("mahutga2006persistence", "Mahutga, M. C.", 2006,
           "The persistence of structural inequality? A network analysis of international "
           "trade, 1965-2000", "Social Forces 84(4), 1863-1889", doi="10.1353/sof.2006.0098"),
        _r("white1983graph", "White, D. R., & Reitz, K. P.", 1983,
           "Graph and semigroup homomorphisms on networks of relations",
           "Social Networks 5(2), 193-234", doi="10.1016/0378-8733(83)90025-4"),
        _r("nemeth1985international", "Nemeth, R. J., & Smith, D. A.", 1985,
           "International trade and world-system structure: A multiple network analysis",
           "Review (Fernand Braudel Center) 8(4), 517-560"),
        _r("hubert1985comparing", "Hubert, L., & Arabie, P.", 1985, "Comparing partitions",
           "Journal of Classification 2(1), 193-218", doi="10.1007/BF01908075"),
        _r("cohen1960coefficient", "Cohen, J.", 1960,
           "A coefficient of agreement for nominal scales",
           "Educational and Psychological Measurement 20(1), 37-46",
           doi="10.1177/001316446002000104"),
        # ----------------------------------------------------------- dynamics
        _r("anderson1957statistical", "Anderson, T. W., & Goodman, L. A.", 1957,
           "Statistical inference about Markov chains",
           "Annals of Mathematical Statistics 28(1), 89-110", doi="10.1214/aoms/1177707039"),
        _r("barro1992convergence", "Barro, R. J., & Sala-i-Martin, X.", 1992, "Convergence",
           "Journal of Political Economy 100(2), 223-251", doi="10.1086/261816"),
        _r("gneiting2007strictly", "Gneiting, T., & Raftery, A. E.", 2007,
           "Strictly proper scoring rules, prediction, and estimation",
           "Journal of the American Statistical Association 102(477), 359-378",
           doi="10.1198/016214506000001437"),
        _r("kemeny1960finite", "Kemeny, J. G., & Snell, J. L.", 1960, "Finite Markov Chains",
           "Princeton: Van Nostrand"),
        _r("muller2022empirical", "Müller, U. K., Stock, J. H., & Watson, M. W.", 2022,
           "An econometric model of international growth dynamics for long-horizon forecasting",
           "Review of Economics and Statistics 104(5), 857-876", doi="10.1162/rest_a_00997"),
        _r("organski1980war", "Organski, A. F. K., & Kugler, J.", 1980, "The War Ledger",
           "Chicago: University of Chicago Press"),
        _r("prais1955measuring", "Prais, S. J.", 1955, "Measuring social mobility",
           "Journal of the Royal Statistical Society, Series A 118(1), 56-66",
           doi="10.2307/2342552"),
        _r("pritchett2014asiaphoria", "Pritchett, L., & Summers, L. H.", 2014,
           "Asiaphoria meets regression to the mean", "NBER Working Paper 20573",
           doi="10.3386/w20573"),
        _r("quah1996twin", "Quah, D. T.", 1996,
           "Twin peaks: growth and convergence in models of distribution dynamics",
           "Economic Journal 106(437), 1045-1055", doi="10.2307/2235377"),
        _r("shorrocks1978measurement", "Shorrocks, A. F.", 1978, "The measurement of mobility",
           "Econometrica 46(5), 1013-1024", doi="10.2307/1911433"),
        # ----------------------------------------------------------- MRIO databases
        _r("lenzen2013", "Lenzen, M., Moran, D., Kanemoto, K., & Geschke, A.", 2013,
           "Building Eora: a global multi-region input-output database at high country "
           "and sector resolution",
           "Economic Systems Research 25(1), 20-49", doi="10.1080/09535314.2013.769938"),
        _r("lenzen2022gloria", "Lenzen, M., Geschke, A., West, J., et al.", 2022,
           "Implementing the material footprint to measure progress towards Sustainable "
           "Development Goals 8 and 12",
           "Nature Sustainability 5, 157-166", doi="10.1038/s41893-021-00811-6"),
        _r("oecd2023icio", "OECD", 2023, "Inter-Country Input-Output (ICIO) Tables, 2023 release",
           "OECD, Paris", url="https://www.oecd.org/sti/ind/inter-country-input-output-tables.htm"),
        _r("stadler2018", "Stadler, K., Wood, R., Bulavskaya, T., et al.", 2018,
           "EXIOBASE 3: developing a time series of detailed environmentally extended "
           "multi-regional input-output tables",
           "Journal of Industrial Ecology 22(3), 502-515", doi="10.1111/jiec.12715"),
    ]
)  # fmt: skip

#: Non-canonical key -> canonical key: the keys earlier versions wrote into saved
#: provenance files (``*.provenance.json``), so that those still resolve. No code in
#: the package cites an alias (``tests/unit/test_bibliography.py`` checks).
ALIASES: dict[str, str] = {
    # source ids used as citation keys (measures/polarity.py, measures/imperialism.py)
    "cow_nmc": "singer1972",
    "sipri_milex": "sipri2021milex",
    "sipri_tiv": "sipri2022tiv",
    # measures/polarity.py
    "singer1972capability": "singer1972",
    # measures/imperialism.py
    "allen2022troops": "allen2022",
    "kristensen_fas": "kristensen2021nuclear",
    # the old catalogue key of sources/nuclear.py (kept for saved provenance files)
    "kristensen_nuclear_notebook": "kristensen2021nuclear",
    # measures/exchange.py (tests/unit/test_exchange.py and
    # tests/data/test_exchange_real.py assert kohler_1998 / hickel_2022)
    "miller_blair_2009": "miller2009",
    "hickel_2022": "hickel2022imperialist",
    "hickel_2024": "hickel2024unequal",
    "peters_2008": "peters2008production",
    "kohler_1998": "kohler1998structure",
    # measures/blocs.py
    "bailey_strezhnev_voeten_2017": "bailey2017estimating",
    "imai_lo_olmsted_2016": "imai2016fast",
    "hage_2011": "hage2011choice",
    "blondel_2008": "blondel2008fast",
    "traag_2019": "traag2019louvain",
    "voeten_2000": "voeten2000clashes",
    "signorino_ritter_1999": "signorino1999tau",
    # measures/position.py
    "arrighi_drangel_1986": "arrighi1986stratification",
    "babones_2005": "babones2005country",
    "borgatti_everett_1999": "borgatti1999models",
    "boyd_etal_2010": "boyd2010computing",
    "clark_beckfield_2009": "clark2009new",
    "snyder_kick_1979": "snyder1979structural",
    "breiger_etal_1975": "breiger1975algorithm",
    "smith_white_1992": "smith1992structure",
    "mahutga_2006": "mahutga2006persistence",
    "white_reitz_1983": "white1983graph",
    "hubert_arabie_1985": "hubert1985comparing",
    "cohen_1960": "cohen1960coefficient",
}


def canonical(key: str) -> str:
    """The canonical key of ``key`` (itself, or what its alias points to).

    >>> canonical("cohen_1960"), canonical("cohen1960coefficient")
    ('cohen1960coefficient', 'cohen1960coefficient')
    """
    if key in REFERENCES:
        return key
    if key in ALIASES:
        return ALIASES[key]
    raise WorldsystemError(
        "unknown citation key",
        field="citation",
        value=key,
        hint="add the work to worldsystem.core.bibliography.REFERENCES "
        "(key style authorYEARword, e.g. miller2009)",
    )


def resolve(key: str) -> Reference:
    """The :class:`Reference` cited as ``key`` (canonical or alias)."""
    return REFERENCES[canonical(key)]


def reference(key: str) -> str:
    """The full reference of ``key`` as one line of text."""
    return resolve(key).text()


def short_citation(key: str) -> str:
    """``Surname (year)``, ``A & B (year)`` or ``A et al. (year)`` of ``key``.

    >>> short_citation("singer1972")
    'Singer et al. (1972)'
    """
    ref = resolve(key)
    first, _, last = ref.authors.partition("&")
    names = [t.strip() for t in first.split(",") if t.strip() and "." not in t]
    if last:
        names.append(last.split(",")[0].strip())
    if len(names) > 2:
        return f"{names[0]} et al. ({ref.year})"
    return f"{' & '.join(names)} ({ref.year})"


_WORD = re.compile(r"\b[a-z]+\d{4}[a-z]*\b")


def with_short_citations(text: str) -> str:
    """``text`` with every bibliography key in it (a word such as ``bachmann2022``
    that :func:`canonical` knows) written as :func:`short_citation`; other words
    are left alone. For captions that quote texts written with keys.

    >>> with_short_citations("shortfall [singer1972, p. 3]; wiot2011.parquet")
    'shortfall [Singer et al. (1972), p. 3]; wiot2011.parquet'
    """

    def one(m: re.Match) -> str:
        try:
            return short_citation(m.group(0))
        except (KeyError, WorldsystemError):  # not a key
            return m.group(0)

    return _WORD.sub(one, str(text))


def references(keys: Iterable[str], *, strict: bool = True) -> list[Reference]:
    """The works cited as ``keys``: aliases merged, duplicates dropped, sorted.

    Sorted by authors, then year, as in a reference list. With ``strict=False`` an
    unknown key is skipped instead of raising (for provenance read from old files).

    >>> [r.key for r in references(["miller_blair_2009", "cohen_1960", "miller2009"])]
    ['cohen1960coefficient', 'miller2009']
    """
    out: dict[str, Reference] = {}
    for key in keys:
        try:
            ref = resolve(key)
        except WorldsystemError:
            if strict:
                raise
            continue
        out[ref.key] = ref
    return sorted(out.values(), key=lambda r: (r.authors.lower(), r.year or 0, r.title))
