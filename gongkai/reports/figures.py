"""The figures of an annual report computed from the platform's own records, in the report-data.md JSON shape
(`active`, `applications`, `reviews`, `fees_yuan`) and the layout of the reporting year's format. The generator
(generator.py) adds sections 一, 五, 六 and the checks on top; the figures come only from here.

Counts from the platform are real zeros, not blanks. Table 二 figures the platform cannot know (行政许可, 行政处罚,
行政强制 decisions, 行政事业性收费) are left out here: staff enter them with their source.
"""

from datetime import date

from django.db.models import Sum

from gongkai.applications.models import Application, ReviewCase
from gongkai.applications.stats import table_three
from gongkai.catalog.stats import document_counts

from .formats import format_for_year

ROUTE_GROUPS = {"review": "review", "litigation": "suit_direct", "litigation_after_review": "suit_after_review"}


def table_four(agencies, year: int) -> dict:
    """行政复议/行政诉讼 as of 31 December of the year: cases filed in the year, by route and result."""
    end = date(year, 12, 31)
    groups = {g: {"upheld": 0, "corrected": 0, "other": 0, "pending": 0} for g in ROUTE_GROUPS.values()}
    for route, result, decided in ReviewCase.objects.filter(agency__in=agencies, filed_on__year=year).values_list(
            "route", "result", "decided_on"):
        group = ROUTE_GROUPS.get(route)
        if group is None:
            continue
        key = result if result != "pending" and decided is not None and decided <= end else "pending"
        groups[group][key] += 1
    return {g: {**cells, "total": sum(cells.values())} for g, cells in groups.items()}


def published_counts(agencies, year: int) -> tuple[int, int]:
    """(items proactively published in the year, of which 政策解读) — withdrawn items were published too."""
    from gongkai.catalog.models import Item, Status

    published = Item.objects.filter(agency__in=agencies, published_date__year=year,
                                    status__in=[Status.PUBLISHED, Status.WITHDRAWN])
    return published.count(), published.filter(genre__name="政策解读").count()


def figures_for_year(agencies, year: int, issuer: str) -> dict:
    """The figures in the layout of the year's format (formats.format_for_year)."""
    if format_for_year(year).key == "pre2019":
        return old_report_figures(agencies, year, issuer)
    return report_figures(agencies, year, issuer)


def report_figures(agencies, year: int, issuer: str) -> dict:
    """Tables 二 (the part the catalogue knows), 三 and 四 and the fees, for a 2019- or 2021-format year."""
    agencies = list(agencies)
    active = {}
    for key, kind in (("regulations", "regulation"), ("normative_docs", "normative")):
        counts = document_counts(agencies, year, kind)
        active[key] = {"issued": counts.issued, "repealed": counts.repealed, "in_force": counts.in_force}
    fees = Application.objects.filter(agency__in=agencies, closed_date__year=year).aggregate(s=Sum("fee_amount"))["s"]
    data = {"issuer": issuer, "year": year, "format": format_for_year(year).key, "script": "hans",
            "active": active, "applications": table_three(agencies, year), "reviews": table_four(agencies, year),
            "fees_yuan": float(fees or 0)}
    if data["format"] == "2019":
        _in_2019_layout(data)
    return data


def _in_2019_layout(data: dict) -> None:
    """The 2019 format's table 二 columns and its single （六）其他处理 row."""
    for key in ("regulations", "normative_docs"):
        # [unverified] 2019 columns from the catalogue: 新制作 = 新公开 = issued, 对外公开总数 = in force
        counts = data["active"][key]
        data["active"][key] = {"made": counts["issued"], "published": counts["issued"], "public_total": counts["in_force"]}
    other = data["applications"]["other.other"]
    for row in ("other.no_correction", "other.fee_unpaid"):
        cells = data["applications"].pop(row)
        other = {c: v + cells[c] for c, v in other.items()}
    data["applications"]["other.other"] = other


# ------------------------------------------------------------------ the pre-2019 统计表 (reporting years 2008–2018)
# How today's closed set of outcomes maps to the old reply categories. No official mapping exists [unverified]: data.
OLD_CATEGORY = {
    "granted": "agreed", "partly_granted": "partly_agreed",
    "withheld.state_secret": "refused", "withheld.prohibited_by_law": "refused", "withheld.three_safeties": "refused",
    "withheld.third_party": "refused", "withheld.internal_affairs": "refused", "withheld.process_info": "refused",
    "withheld.enforcement_file": "refused", "withheld.query_matter": "refused",
    "unavailable.not_held": "not_exist", "unavailable.needs_creation": "not_exist",
    "unavailable.unclear_after_correction": "told_to_amend",
    "not_processed.petition": "told_other_channel", "not_processed.repeat": "told_other_channel",
    "not_processed.publication": "told_other_channel", "not_processed.excessive": "told_other_channel",
    "not_processed.confirm_or_reissue": "told_other_channel",
}
OLD_REFUSAL = {"withheld.state_secret": "state_secret", "withheld.third_party": "privacy",
               "withheld.three_safeties": "three_safeties", "withheld.prohibited_by_law": "other_by_law",
               "withheld.internal_affairs": "not_government_information",
               "withheld.process_info": "not_government_information",
               "withheld.enforcement_file": "not_government_information",
               "withheld.query_matter": "not_government_information"}
OLD_CHANNEL = {"in_person": "in_person", "fax": "fax", "online": "online", "post": "letter",
               "ordinary_letter": "letter", "other": "other"}


def old_report_figures(agencies, year: int, issuer: str) -> dict:
    """The old 统计表 from the platform's records (including imported ledgers) in the report-data pre-2019 keys."""
    from django.db.models import Count

    agencies = list(agencies)
    apps = Application.objects.filter(agency__in=agencies)
    received = apps.filter(received_date__year=year)
    channels = {key: 0 for key in ("in_person", "fax", "online", "letter")}
    for channel, n in received.values_list("channel").annotate(n=Count("pk")):
        key = OLD_CHANNEL.get(channel, "other")
        channels[key] = channels.get(key, 0) + n
    closed = apps.filter(closed_date__year=year).exclude(outcome="")
    extended = closed.filter(events__kind="extension_granted").distinct().count()
    categories = {key: 0 for key in ("already_public", "agreed", "partly_agreed", "refused", "not_this_organ",
                                     "not_exist", "told_to_amend", "told_other_channel")}
    refusals = {key: 0 for key in ("state_secret", "commercial_secret", "privacy", "three_safeties",
                                   "not_government_information", "other_by_law")}
    for outcome, n in closed.values_list("outcome").annotate(n=Count("pk")):
        if outcome in OLD_CATEGORY:
            categories[OLD_CATEGORY[outcome]] += n
        if outcome in OLD_REFUSAL:
            refusals[OLD_REFUSAL[outcome]] += n
    applications = {"received_total": received.count(), "by_channel": channels, "closed_total": closed.count(),
                    "on_time": closed.count() - extended, "extended": extended,
                    "replied_total": sum(categories.values()), **categories,
                    **{f"refused.{k}": v for k, v in refusals.items()}}
    four = table_four(agencies, year)        # the old table has no 尚未审结 column: pending cases count in the total
    old = ("total", "upheld", "corrected", "other")
    reviews = {"review": {k: four["review"][k] for k in old},
               "suit": {k: four["suit_direct"][k] + four["suit_after_review"][k] for k in old},
               "complaints": ReviewCase.objects.filter(agency__in=agencies, filed_on__year=year,
                                                       route="complaint").count()}
    from gongkai.catalog.models import Item, Status

    active_total, interpretations = published_counts(agencies, year)
    normative = Item.objects.filter(agency__in=agencies, published_date__year=year, doc_kind="normative",
                                    status__in=[Status.PUBLISHED, Status.WITHDRAWN]).count()
    prose = {"active_total": active_total, "active.normative_docs": normative, "normative_docs_issued": normative,
             "interpretations": interpretations}
    fees = closed.aggregate(s=Sum("fee_amount"))["s"]
    return {"issuer": issuer, "year": year, "format": "pre2019", "script": "hans", "active": {},
            "applications": applications, "reviews": reviews, "fees_yuan": float(fees or 0), "prose": prose}
