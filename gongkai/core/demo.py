"""The demo city 示范市 (fictional): a government, departments, a county with a town, staff for each role.

Loading is idempotent: agencies and users that already exist are left as they are.
"""

from django.db import transaction

from . import services
from .codes import make_uscc
from .models import Agency, AgencyKind, Role, User

DEMO_PASSWORD = "Gongkai-demo-2026"

CITY_DIVISION = "990100"
COUNTY_DIVISION = "990121"

# (full name, short name, kind, org-code body, parent key, division code)
AGENCIES = [
    ("city", "示范市人民政府", "示范市政府", AgencyKind.GOVERNMENT, "00000001", None, CITY_DIVISION),
    ("fgw", "示范市发展和改革委员会", "市发展改革委", AgencyKind.DEPARTMENT, "00000002", "city", CITY_DIVISION),
    ("jyj", "示范市教育局", "市教育局", AgencyKind.DEPARTMENT, "00000003", "city", CITY_DIVISION),
    ("gaj", "示范市公安局", "市公安局", AgencyKind.DEPARTMENT, "00000004", "city", CITY_DIVISION),
    ("czj", "示范市财政局", "市财政局", AgencyKind.DEPARTMENT, "00000005", "city", CITY_DIVISION),
    ("zrzyj", "示范市自然资源和规划局", "市自然资源规划局", AgencyKind.DEPARTMENT, "00000006", "city", CITY_DIVISION),
    ("sthjj", "示范市生态环境局", "市生态环境局", AgencyKind.DEPARTMENT, "00000007", "city", CITY_DIVISION),
    ("zjj", "示范市住房和城乡建设局", "市住房城乡建设局", AgencyKind.DEPARTMENT, "00000008", "city", CITY_DIVISION),
    ("jtj", "示范市交通运输局", "市交通运输局", AgencyKind.DEPARTMENT, "00000009", "city", CITY_DIVISION),
    ("wjw", "示范市卫生健康委员会", "市卫生健康委", AgencyKind.DEPARTMENT, "00000010", "city", CITY_DIVISION),
    ("scjgj", "示范市市场监督管理局", "市市场监管局", AgencyKind.DEPARTMENT, "00000011", "city", CITY_DIVISION),
    ("dcjd", "示范市东城区东城街道办事处", "东城街道", AgencyKind.STREET_OFFICE, "00000012", "city", CITY_DIVISION),
    ("county", "示范市青山县人民政府", "青山县政府", AgencyKind.GOVERNMENT, "00000021", "city", COUNTY_DIVISION),
    ("county_jyj", "青山县教育局", "县教育局", AgencyKind.DEPARTMENT, "00000022", "county", COUNTY_DIVISION),
    ("town", "青山县临江镇人民政府", "临江镇政府", AgencyKind.TOWNSHIP, "00000031", "county", COUNTY_DIVISION + "101"),
]

# (username, display name, agency key, role)
STAFF = [
    ("gkb_admin", "王公开", "city", Role.OFFICE_ADMIN),
    ("city_reviewer", "李审核", "city", Role.REVIEWER),
    ("fgw_admin", "赵管理", "fgw", Role.AGENCY_ADMIN),
    ("fgw_handler", "钱承办", "fgw", Role.HANDLER),
    ("fgw_reviewer", "孙审核", "fgw", Role.REVIEWER),
    ("fgw_viewer", "周只读", "fgw", Role.READONLY),
    ("jyj_handler", "吴承办", "jyj", Role.HANDLER),
    ("county_admin", "郑公开", "county", Role.OFFICE_ADMIN),
    ("town_handler", "冯承办", "town", Role.HANDLER),
]


def _office(full_name: str, short: str, division: str) -> dict:
    return {
        "office_name": f"{full_name}政务公开办公室" if "政府" in full_name else f"{short}办公室",
        "office_address": f"示范市{'青山县' if division.startswith(COUNTY_DIVISION) else ''}人民路{len(full_name) * 7}号",
        "office_hours": "工作日 上午 9:00—12:00，下午 13:30—17:30（法定节假日除外）",
        "office_phone": f"0999-{8000000 + len(full_name) * 131:07d}",
        "office_fax": f"0999-{8100000 + len(full_name) * 131:07d}",
        "office_postcode": "999000",
        "office_online": "政府门户网站“依申请公开”栏目在线申请",
    }


@transaction.atomic
def load_demo() -> tuple[list[str], list[tuple[str, str, str]]]:
    """Returns (created agency names, [(username, role label, agency name)] for every demo login)."""
    created: list[str] = []
    by_key: dict[str, Agency] = {}
    for key, full, short, kind, org_body, parent_key, division in AGENCIES:
        uscc = make_uscc("11", division[:6], org_body)
        agency = Agency.objects.filter(uscc=uscc).first() or Agency.objects.filter(full_name=full).first()
        if agency is None:
            agency = services.create_agency(None, parent=by_key.get(parent_key), full_name=full, short_name=short,
                                            kind=kind, uscc=uscc, division_code=division,
                                            sort_order=len(by_key), **_office(full, short, division))
            created.append(full)
        by_key[key] = agency
    logins = []
    for username, name, agency_key, role in STAFF:
        user = User.objects.filter(username=username).first()
        if user is None:
            services.create_staff(None, username, DEMO_PASSWORD, name, f"{username}@demo.gongkai.invalid",
                                  agency=by_key[agency_key], role=role)
        logins.append((username, Role(role).label, by_key[agency_key].full_name))
    return created, logins
