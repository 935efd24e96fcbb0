"""A realistic synthetic corpus for the privacy bench: government-style text with personal information injected at
known positions, and decoys that must not be flagged (checksum-invalid IDs, 文号, 索引号, dates, amounts, office
phone numbers, 12345, 统一社会信用代码)."""

import random
from dataclasses import dataclass, field

from gongkai.core.codes import make_uscc
from gongkai.privacy.recognizers.id_card import check_char

PARAGRAPHS = [
    "为深入贯彻落实《中华人民共和国政府信息公开条例》，进一步做好{topic}工作，结合本地实际，现将有关事项通知如下。",
    "一、总体要求。坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开，{year}年完成各项任务。",
    "二、主要任务。各单位要按照《{city}{topic}管理办法》（{docno}）要求，于{year}年{month}月{day}日前报送材料。",
    "三、资金安排。本年度安排专项资金{amount}元，其中省级补助{amount2}万元，由财政部门按进度拨付。",
    "四、监督保障。本机关监督电话：{office}，政务服务便民热线12345，传真：{fax}。索引号：{index}。",
    "五、其他事项。本通知自印发之日起施行，有效期至{year2}年12月31日。统一社会信用代码：{uscc}。",
    "附：{city}{topic}工作任务分工表（编号{serial}），请各地结合实际抓好落实，确保取得实效。",
]
TOPICS = ["政务公开", "城市更新", "乡村振兴", "教育资助", "食品安全", "防汛抗旱", "社会救助", "营商环境"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红"
PLACES = ["浙江省杭州市西湖区文三路{n}号{u}单元{r}室", "青山县临江镇东村{n}组", "示范市东城区人民路{n}号{u}幢{r}室"]


@dataclass
class Doc:
    text: str
    truth: list[tuple[str, int, int]] = field(default_factory=list)   # (type, start, end)


def valid_id(rng: random.Random) -> str:
    body = f"{rng.choice(['110101', '330106', '440305', '510104'])}{rng.randrange(1950, 2005)}{rng.randrange(1, 13):02d}" \
           f"{rng.randrange(1, 29):02d}{rng.randrange(0, 999):03d}"
    return body + check_char(body)


def invalid_id(rng: random.Random) -> str:
    good = valid_id(rng)
    wrong = "0123456789X".replace(good[-1], "")
    return good[:-1] + rng.choice(wrong)


def luhn_card(rng: random.Random) -> str:
    digits = [6, 2, 2, 2] + [rng.randrange(10) for _ in range(14)]
    total = 0
    for i, d in enumerate(reversed(digits)):
        total += (d * 2 - 9 if d > 4 else d * 2) if i % 2 == 0 else d
    return "".join(map(str, digits)) + str((10 - total % 10) % 10)


def person(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))


def make_doc(rng: random.Random, with_pii: bool) -> Doc:
    year = rng.randrange(2018, 2027)
    fields = dict(topic=rng.choice(TOPICS), city="示范市", year=year, year2=year + 2, month=rng.randrange(1, 13),
                  day=rng.randrange(1, 29), docno=f"示政办发〔{year}〕{rng.randrange(1, 200)}号",
                  amount=rng.randrange(10**9, 9 * 10**10), amount2=rng.randrange(10, 999),
                  office=f"0999-{rng.randrange(8000000, 8999999)}", fax=f"0999-{rng.randrange(8000000, 8999999)}",
                  index=f"{make_uscc('11', '990100', f'{rng.randrange(10**7):08d}')}/{year}-{rng.randrange(1, 99999):05d}",
                  uscc=make_uscc("91", "330106", f"MA{rng.randrange(10**6):06d}"), serial=invalid_id(rng))
    text = "".join(p.format(**fields) for p in PARAGRAPHS)
    while len(text) < 1800:
        text += rng.choice(PARAGRAPHS).format(**fields)
    doc = Doc(text)
    if with_pii:
        kinds = rng.sample(["id_card", "mobile", "bank_card", "email", "name", "address", "passport", "plate"], 4)
        for kind in kinds:
            who = person(rng)
            value, prefix = {
                "id_card": (valid_id(rng), f"当事人{who}，公民身份号码："),
                "mobile": (f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}", f"联系人：{who}，手机："),
                "bank_card": (luhn_card(rng), "收款银行卡号："),
                "email": (f"user{rng.randrange(10**5)}@example.com", f"申请人{who}的邮箱："),
                "name": (who, "申请人："),
                "address": (rng.choice(PLACES).format(n=rng.randrange(1, 300), u=rng.randrange(1, 9), r=rng.randrange(101, 1999)),
                            f"户主{who}，家庭住址："),
                "passport": (f"E{rng.randrange(10**7, 10**8)}", f"{who}的护照号码"),
                "plate": (f"浙A{rng.randrange(10000, 99999)}", "车牌号"),
            }[kind]
            cut = rng.randrange(0, len(doc.text))
            cut = doc.text.find("。", cut) + 1 or len(doc.text)
            insert = f"{prefix}{value}。"
            start = cut + len(prefix)
            doc.truth = [(t, s + len(insert) if s >= cut else s, e + len(insert) if s >= cut else e) for t, s, e in doc.truth]
            doc.text = doc.text[:cut] + insert + doc.text[cut:]
            doc.truth.append((kind, start, start + len(value)))
            if kind != "name" and who in prefix:  # the person named in the lead-in is personal data too
                at = cut + prefix.index(who)
                doc.truth.append(("name", at, at + len(who)))
    return doc


def corpus(n: int, pii_share: float = 0.1, seed: int = 7) -> list[Doc]:
    rng = random.Random(seed)
    return [make_doc(rng, rng.random() < pii_share) for _ in range(n)]
