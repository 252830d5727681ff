"""Tables the demo generator draws from: names, places, jobs, staff, coupons and Chinese free text.

Kept apart from :mod:`clinic_desktop.services.demo.builder` so the generator reads as logic. Every table is a
tuple (never a set), so drawing from it with a seeded ``random.Random`` gives the same data every run.
Weights are relative, not percentages.
"""

from __future__ import annotations

# Surnames weighted roughly by their share of the population. The heteronym surnames (曾 单 解 仇 区 查
# 乐 翟 覃), whose pinyin must come from the surname table rather than the library's default reading,
# are included at modest weights so the demo always exercises that path; two compound surnames too.
# fmt: off
SURNAMES: tuple[tuple[str, float], ...] = (
    ("王", 7.1), ("李", 7.0), ("张", 6.7), ("刘", 5.1), ("陈", 4.6), ("杨", 3.2), ("黄", 2.5),
    ("赵", 2.2), ("吴", 2.1), ("周", 2.0), ("徐", 1.7), ("孙", 1.5), ("马", 1.4), ("朱", 1.4),
    ("胡", 1.3), ("郭", 1.2), ("何", 1.2), ("林", 1.1), ("高", 1.1), ("罗", 1.1), ("郑", 1.0),
    ("梁", 1.0), ("谢", 0.9), ("宋", 0.8), ("唐", 0.8), ("许", 0.7), ("韩", 0.7), ("邓", 0.7),
    ("冯", 0.7), ("曹", 0.7), ("彭", 0.7), ("曾", 0.6), ("肖", 0.6), ("田", 0.6), ("董", 0.6),
    ("潘", 0.6), ("袁", 0.6), ("蔡", 0.6), ("蒋", 0.6), ("余", 0.5), ("于", 0.5), ("杜", 0.5),
    ("叶", 0.5), ("程", 0.5), ("魏", 0.5), ("苏", 0.5), ("吕", 0.5), ("丁", 0.5), ("任", 0.4),
    ("卢", 0.4), ("姚", 0.4), ("沈", 0.4), ("钟", 0.4), ("姜", 0.4), ("崔", 0.4), ("谭", 0.4),
    ("陆", 0.4), ("范", 0.4), ("汪", 0.4), ("廖", 0.4), ("石", 0.4), ("金", 0.3), ("韦", 0.3),
    ("贾", 0.3), ("夏", 0.3), ("付", 0.3), ("方", 0.3), ("邹", 0.3), ("熊", 0.3), ("白", 0.3),
    ("孟", 0.3), ("秦", 0.3), ("邱", 0.3), ("侯", 0.3), ("江", 0.3), ("尹", 0.3), ("薛", 0.3),
    ("闫", 0.3), ("段", 0.3), ("雷", 0.3), ("龙", 0.2), ("黎", 0.2), ("史", 0.2), ("陶", 0.2),
    ("贺", 0.2), ("毛", 0.2), ("郝", 0.2), ("顾", 0.2), ("龚", 0.2), ("邵", 0.2), ("万", 0.2),
    ("覃", 0.2), ("武", 0.2), ("钱", 0.2), ("戴", 0.2), ("严", 0.2), ("莫", 0.2), ("孔", 0.2),
    ("向", 0.2), ("常", 0.2), ("汤", 0.2), ("康", 0.1), ("易", 0.1), ("乔", 0.1), ("赖", 0.1),
    ("文", 0.1), ("施", 0.1), ("洪", 0.1), ("翟", 0.1), ("单", 0.08), ("解", 0.06), ("仇", 0.05),
    ("区", 0.05), ("查", 0.05), ("乐", 0.05), ("欧阳", 0.05), ("司马", 0.02),
)
# fmt: on

# Given names. Two-character names dominate; one-character names are commoner among older patients.
FEMALE_GIVEN_2: tuple[str, ...] = tuple(
    (
        "秀英 桂英 秀兰 玉兰 桂兰 凤英 淑珍 丽华 美玲 春梅 海燕 丽娟 晓燕 雪梅 红梅 小红 丽丽 婷婷 晶晶 莉莉 "
        "佳怡 欣怡 思雨 雨婷 梦瑶 雅琪 诗琪 佳琪 静怡 晓雯 晓丽 文静 嘉欣 心怡 若曦 紫萱 梓涵 一诺 雨桐 可馨 "
        "思彤 语嫣 梦琪 佳慧 慧敏 雪莹 玉洁 美琳 倩倩 丹丹 楠楠 媛媛 静雯 晓彤 悦然 欣妍 书瑶 梦洁 秋月 春燕 "
        "小芳 亚楠 艳红 彩霞 金凤 玉梅 瑞雪 碧莹 诗涵 安琪 芷若 韵诗"
    ).split()
)
FEMALE_GIVEN_1: tuple[str, ...] = tuple(
    (
        "芳 娜 敏 静 丽 艳 娟 霞 秀 玲 婷 雪 琳 慧 莹 倩 颖 洁 欣 怡 佳 璐 瑶 萍 红 燕 丹 彤 悦 妍 薇 蕾"
    ).split()
)
MALE_GIVEN_2: tuple[str, ...] = tuple(
    (
        "建国 建华 国强 志强 志明 海涛 俊杰 晓东 建军 永刚 文斌 伟东 子轩 浩然 宇轩 梓轩 浩宇 子墨 一鸣 皓轩 "
        "俊熙 沐宸 奕辰 锦程 嘉豪 明轩 天佑 宇航 思远 博文 子豪 家乐 振华 国庆 德明 卫东 红军 立新 学军 爱民 "
        "小龙 大伟 鹏飞 晓峰 世杰 成龙 泽宇 逸飞 俊豪 文博 志远 昊天 睿哲 子骞 承泽 安然 一帆 星宇 嘉懿 梓睿"
    ).split()
)
MALE_GIVEN_1: tuple[str, ...] = tuple(
    (
        "伟 强 磊 军 勇 杰 涛 斌 超 明 刚 平 辉 鹏 华 飞 鑫 波 宇 浩 凯 健 俊 帆 旭 宁 龙 林 阳 峰 东 亮"
    ).split()
)

# A 杭州-like city: districts weighted by distance from the clinic, each with some of its own roads.
DISTRICTS: tuple[tuple[str, float], ...] = (
    ("西湖区", 26), ("拱墅区", 18), ("上城区", 16), ("滨江区", 12), ("余杭区", 10), ("萧山区", 7),
    ("临平区", 5), ("钱塘区", 4), ("富阳区", 2),
)  # fmt: skip
ROADS: dict[str, tuple[str, ...]] = {
    "西湖区": ("文三路", "文二路", "教工路", "学院路", "古墩路", "天目山路", "紫金港路", "留和路"),
    "拱墅区": ("莫干山路", "湖墅南路", "丰潭路", "德胜路", "上塘路", "小河路"),
    "上城区": ("建国北路", "庆春路", "凤起路", "解放路", "秋涛路", "钱江路", "之江路"),
    "滨江区": ("江南大道", "滨盛路", "江汉路", "长河路", "火炬大道"),
    "余杭区": ("文一西路", "五常大道", "良睦路", "高教路"),
    "萧山区": ("金城路", "市心路", "人民路", "建设一路"),
    "临平区": ("迎宾路", "南苑街", "世纪大道"),
    "钱塘区": ("学林街", "文泽路", "下沙路"),
    "富阳区": ("富春街道", "金桥路", "江滨西大道"),
}
COMPOUNDS: tuple[str, ...] = tuple(
    (
        "阳光花园 翠苑一区 嘉绿苑 金色海岸 和家园 文鼎苑 东方郡 名都嘉苑 "
        "万科城 绿城桂花园 春江花月 锦绣天地 蓝色钱江 星洲花园 紫金庭院 古荡新村 "
        "耀江文鼎苑"
    ).split()
)

# (occupation, weight) for working-age adults; children, students and the retired are handled apart.
OCCUPATIONS: tuple[tuple[str, float], ...] = (
    ("企业职员", 18),
    ("教师", 6),
    ("公务员", 4),
    ("程序员", 7),
    ("销售", 6),
    ("会计", 4),
    ("医生", 2),
    ("护士", 2),
    ("设计师", 3),
    ("个体经营", 7),
    ("自由职业", 5),
    ("企业管理", 4),
    ("银行职员", 3),
    ("律师", 1),
    ("全职妈妈", 4),
    ("主播", 1),
    ("工程师", 4),
    ("司机", 2),
    ("厨师", 1),
    ("美容师", 1),
)

# Staff. Dentists and hygienists treat teeth, the aesthetic doctors inject and laser, the front desk calls.
DENTISTS: tuple[str, ...] = ("王建华医生", "李敏医生", "陈志远医生", "周晓燕医生", "吴国强医生")
HYGIENISTS: tuple[str, ...] = ("刘护士", "张护士", "孙护士")
AESTHETIC_DOCTORS: tuple[str, ...] = ("林雅琪医生", "赵丽娟医生", "黄俊杰医生")
FRONT_DESK: tuple[str, ...] = ("前台小王", "前台小李", "前台小陈", "客服小周")
#: who calls an unhappy patient back (PRODUCT §5.1: service recovery is a senior staff call)
SENIOR_STAFF = "张院长"

# Coupons and campaign codes written on a visit line.
COUPONS_NEW: tuple[str, ...] = ("美团洁牙团购券", "大众点评新客券", "新客体验价", "抖音团购券")
COUPONS_ANY: tuple[str, ...] = (
    "周年庆8折",
    "会员日95折",
    "老客户回馈券",
    "满1000减100",
    "春季美白季",
    "暑期学生优惠",
    "双十一预存",
    "儿童涂氟节",
    "妇女节焕颜活动",
    "种植牙补贴活动",
)
COUPON_REFERRAL = "老带新立减200"

# Tags (name, category, colour) — the four categories of PRODUCT §2. The rule-derived tags (价格敏感,
# 爽约较多, 儿童, 高客单, 沉睡高价值) are not typed here: the first recompute derives them (core.rule_tags).
TAGS: tuple[tuple[str, str, str], ...] = (
    ("学生", "static", "#42a5f5"),
    ("宝妈", "static", "#ec407a"),
    ("上班族", "static", "#5c6bc0"),
    ("退休", "static", "#8d6e63"),
    ("种植客户", "consumption", "#fb8c00"),
    ("正畸客户", "consumption", "#fdd835"),
    ("医美客户", "consumption", "#ab47bc"),
    ("洁牙常客", "consumption", "#66bb6a"),
    ("团购客", "consumption", "#ffa726"),
    ("爱看文章", "behaviour", "#29b6f6"),
    ("活动常客", "behaviour", "#ff7043"),
    ("爱分享", "behaviour", "#d81b60"),
    ("怕疼", "custom", "#9575cd"),
    ("需要停车位", "custom", "#4db6ac"),
    ("只约周末", "custom", "#7986cb"),
    ("敏感肌", "custom", "#f06292"),
    ("需要发票", "custom", "#a1887f"),
    ("VIP接待", "custom", "#ffd54f"),
)

NOTES: tuple[str, ...] = (
    "青霉素过敏",
    "对麻药敏感",
    "高血压，服药中",
    "糖尿病，注意术前血糖",
    "孕期，暂缓治疗",
    "上午不方便接电话",
    "请联系家属（女儿）",
    "喜欢微信沟通",
    "怕疼，操作前多沟通",
    "需要提前预约停车位",
    "老客户，熟悉李医生",
    "希望晚上来",
    "有心脏支架，服用阿司匹林",
)
ARCHIVED_NOTES: tuple[str, ...] = ("已搬离本市", "重复建档，已合并", "本人要求停止服务")

# Interaction detail text by kind; dental (0) and aesthetic (1) variants where the wording differs.
ARTICLES: tuple[tuple[str, ...], tuple[str, ...]] = (
    (
        "《洗牙会伤牙吗？》",
        "《种植牙能用多久》",
        "《孩子几岁开始矫正最好》",
        "《牙龈出血怎么办》",
        "《窝沟封闭有必要吗》",
    ),
    ("《光子嫩肤术后护理》", "《玻尿酸能维持多久》", "《水光针适合什么肤质》", "《肉毒素瘦脸的误区》"),
)
INTEREST_ITEMS: tuple[tuple[str, ...], tuple[str, ...]] = (
    ("洁牙", "种植牙", "隐形矫正", "牙齿美白", "儿童涂氟", "补牙", "根管治疗"),
    ("光子嫩肤", "玻尿酸", "水光针", "肉毒素", "热玛吉", "皮肤检测"),
)
#: interest items quoted at the price of a catalogue treatment of another name
PRICE_ITEM: dict[str, str] = {"隐形矫正": "正畸", "牙齿美白": "美白", "儿童涂氟": "涂氟"}
CHAT_LINES: tuple[str, ...] = (
    "问营业时间",
    "问停车位置",
    "问{item}大概多少钱",
    "问{item}疼不疼",
    "问周末能不能约",
    "问医保能不能用",
    "发了牙齿照片咨询",
    "问{item}要做几次",
)
CAMPAIGNS: tuple[str, ...] = ("周年庆抽奖", "爱牙日义诊", "会员日", "儿童口腔节", "妇女节焕颜", "双十一预存")

# Survey comments by overall score band: 1–2, 3, 4–5.
COMMENTS_BAD: tuple[str, ...] = (
    "等了一个多小时，体验很差",
    "价格和之前说的不一样",
    "做完还是疼，打电话也没人回",
    "前台态度不好",
    "效果不明显，感觉白花钱",
    "被推销了很多项目，很反感",
)
COMMENTS_MID: tuple[str, ...] = (
    "还可以，就是等待时间有点长",
    "效果一般，再观察看看",
    "价格偏贵",
    "环境不错，停车不方便",
    "医生挺好，前台有点忙",
)
COMMENTS_GOOD: tuple[str, ...] = (
    "医生很耐心，一点都不疼",
    "环境干净，服务周到",
    "效果很满意，会推荐朋友",
    "护士很温柔，孩子不害怕",
    "价格透明，没有乱推销",
    "预约很方便，准时",
    "李医生技术好",
    "做完皮肤明显变好了",
    "洗得很干净，讲解也细致",
)

# Contact-log notes by purpose.
CONTACT_NOTES: dict[str, tuple[str, ...]] = {
    "recall": ("提醒洁牙已满半年", "提醒复查", "提醒正畸复诊", "提醒种植牙年度维护", "提醒光子嫩肤疗程"),
    "reactivation": ("很久没来了，邀请免费口腔检查", "送洁牙体验券", "回访近况"),
    "birthday": ("生日祝福", "生日祝福，赠送护理小礼"),
    "campaign": ("周年庆活动通知", "会员日活动通知", "双十一预存活动", "暑期学生优惠"),
    "referral": ("邀请参加老带新计划", "感谢推荐朋友，赠送洁牙一次"),
    "recovery": ("满意度低，院长回访致歉", "了解不满意原因，安排复诊"),
    "survey": ("术后满意度回访", "治疗后电话回访"),
    "crosssell": ("正畸结束，建议美白", "推荐种植牙咨询", "推荐水光针疗程"),
    "share": ("邀请分享给朋友，赠送洁牙一次", "分享案例到朋友圈，赠皮肤检测", "老客分享礼：赠送护理一次"),
}
