"""Seed vocabularies for the catalogue (pure data). Tables are seeded from here; deployments edit the tables."""

# 体裁: the 15 法定文种 (《党政机关公文处理工作条例》 art. 8) + items that are not 公文.
GENRES = ["决议", "决定", "命令（令）", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复",
          "议案", "函", "纪要", "规划", "统计信息", "办事指南", "政策解读", "年度报告", "其他"]

# Kinds of 规范性文件 the annual report's table 二 counts (not genres: a 规章 is issued as a 命令（令）).
DOC_KINDS = [("regulation", "规章"), ("normative", "行政规范性文件"), ("other", "其他文件")]

VALIDITY = [("effective", "现行有效"), ("amended", "已修改"), ("repealed", "已废止"), ("expired", "已失效"),
            ("not_applicable", "不涉及")]

# Re-review interval per ground in days (art. 18 sets none: configurable, these are defaults) [unverified].
REVIEW_INTERVAL_DAYS = {"process_info": 90, "enforcement_file": 180}
DEFAULT_REVIEW_INTERVAL_DAYS = 365

CHANNELS = ["政府网站", "政府公报", "政务微博", "政务微信", "新闻发布会", "报刊", "广播电视", "政务服务场所", "档案馆、图书馆"]

INTERPRETATION_FORMS = [("text", "文字解读"), ("image", "图片解读"), ("media", "音视频解读"), ("press", "新闻发布会"),
                        ("expert", "专家解读"), ("leader", "领导解读")]

# 信息分类 seed for every agency: art. 20 items, 五公开, 重点领域 columns (names as real portals print them).
ART20_ITEMS = [
    ("20-01", "行政法规、规章和规范性文件"),
    ("20-02", "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"),
    ("20-03", "国民经济和社会发展规划、专项规划、区域规划及相关政策"),
    ("20-04", "国民经济和社会发展统计信息"),
    ("20-05", "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"),
    ("20-06", "实施行政处罚、行政强制的依据、条件、程序以及具有一定社会影响的行政处罚决定"),
    ("20-07", "财政预算、决算信息"),
    ("20-08", "行政事业性收费项目及其依据、标准"),
    ("20-09", "政府集中采购项目的目录、标准及实施情况"),
    ("20-10", "重大建设项目的批准和实施情况"),
    ("20-11", "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"),
    ("20-12", "突发公共事件的应急预案、预警信息及应对情况"),
    ("20-13", "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"),
    ("20-14", "公务员招考的职位、名额、报考条件等事项以及录用结果"),
    ("20-15", "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"),
]
FIVE_OPEN = [("wgk-jc", "决策公开"), ("wgk-zx", "执行公开"), ("wgk-gl", "管理公开"), ("wgk-fw", "服务公开"), ("wgk-jg", "结果公开")]
KEY_AREAS = [
    ("zdly-zdxm", "重大建设项目"), ("zdly-ggzy", "公共资源配置"), ("zdly-czzj", "财政资金"),
    ("zdly-shgy", "社会公益事业"), ("zdly-fp", "扶贫"), ("zdly-jy", "教育"), ("zdly-yl", "医疗卫生"),
    ("zdly-shbz", "社会保障"), ("zdly-jy2", "促进就业"), ("zdly-hb", "生态环境"), ("zdly-aqsc", "安全生产"),
    ("zdly-spyp", "食品药品"), ("zdly-zfbz", "保障性住房"),
]
OTHER_COLUMNS = [
    ("gkzd", "政府信息公开制度"), ("gknb", "政府信息公开年报"), ("zcjd", "政策解读"), ("hygz", "回应关切"),
    ("jgzn", "机构职能"), ("wzjg", "网站与政务新媒体监管"),
]
# The column every agency's annual reports (政府信息公开工作年度报告) are published under.
ANNUAL_REPORT_CATEGORY = "gknb"

CATEGORY_TREE = [
    ("art20", "法定主动公开内容", ART20_ITEMS),
    ("wgk", "五公开", FIVE_OPEN),
    ("zdly", "重点领域信息公开", KEY_AREAS),
    ("other", "其他栏目", OTHER_COLUMNS),
]

# 主题分类: gov.cn-style two levels ("一级\二级"). A seed; deployments extend the table.
TOPICS = {
    "综合政务": ["政务公开", "应急管理", "政务督查", "电子政务", "其他"],
    "国民经济管理、国有资产监管": ["发展规划", "经济运行", "价格", "国有资产监管"],
    "财政、金融、审计": ["财政", "税务", "金融", "审计"],
    "国土资源、能源": ["土地", "矿产", "能源"],
    "农业、林业、水利": ["农业农村", "林业", "水利"],
    "工业、交通": ["工业", "交通", "信息产业"],
    "商贸、海关、旅游": ["商贸", "旅游"],
    "市场监管、安全生产监管": ["市场监管", "安全生产", "食品药品"],
    "城乡建设、环境保护": ["城市规划", "住房保障", "节能与资源综合利用", "环境监测、保护与治理"],
    "科技、教育": ["科技", "教育"],
    "文化、广电、新闻出版": ["文化", "广电", "新闻出版"],
    "卫生、体育": ["卫生", "医药管理", "体育"],
    "劳动、人事、监察": ["就业", "社会保障", "人事工作"],
    "公安、安全、司法": ["公安", "司法"],
    "民政、扶贫、救灾": ["民政", "扶贫", "减灾救灾"],
    "其他": ["其他"],
}
