# Expected values read BY EYE from rendered page images of the corpus PDFs
# (../shared/corpus/<slug>.pdf, shipped unchanged in data/raw/), for fidelity tests.
#
# No text extraction was used to produce these values: every number was read
# off a page image (pypdfium2 render at scale 1.6, then re-rendered at scale
# 3 and cropped/zoomed for a second reading).  Every class row, total and
# 三公 row was also cross-checked arithmetically (parts sum to the printed
# totals) after reading.
#
# Conventions
#   * Amounts are strings exactly as printed, with thousands separators
#     removed: "156211123", "21940.96", "0", "0.00".  A blank cell is "".
#   * Page numbers are 1-based PDF page indices (the same NN as in
#     page images), NOT the page number printed in a footer.
#   * Amount keys are the column labels as printed.  Where a label repeats
#     (e.g. two "小计" columns in a 三公 table) the key is prefixed with its
#     parent header and a "/" ("“三公”经费/小计").
#   * Shanghai function-table codes are printed split over 类 | 款 | 项;
#     "printed_code" keeps the printed parts, "code" is the joined code.
#   * "printed_heading" is the full heading line above a table, including
#     any numbering prefix ("八、", "公开07表：").

EXPECTED: dict[str, dict] = {
    # read off pages 9, 15, 16, 19, 20, 21 of shanghai_putuo_caizhengju_2025_bumen_yusuan.pdf rendered at scale 1.6/3
    "shanghai_putuo_caizhengju_2025_bumen_yusuan": {
        "function_table": {
            "title": "2025年部门一般公共预算支出功能分类预算表",
            "printed_heading": "2025年部门一般公共预算支出功能分类预算表",
            "unit": "元",
            "pages": [15, 16],
            "total": {"page": 16, "合计": "31214205.80", "基本支出": "25121091.00", "项目支出": "6093114.80"},
            "classes": [
                {
                    "page": 15,
                    "code": "201",
                    "name": "一般公共服务支出",
                    "amounts": {"合计": "22186440.80", "基本支出": "16093326.00", "项目支出": "6093114.80"},
                },
                {
                    "page": 15,
                    "code": "208",
                    "name": "社会保障和就业支出",
                    "amounts": {"合计": "3508644.00", "基本支出": "3508644.00", "项目支出": ""},
                },
                {
                    "page": 15,
                    "code": "210",
                    "name": "卫生健康支出",
                    "amounts": {"合计": "782164.00", "基本支出": "782164.00", "项目支出": ""},
                },
                {
                    "page": 16,
                    "code": "221",
                    "name": "住房保障支出",
                    "amounts": {"合计": "4736957.00", "基本支出": "4736957.00", "项目支出": ""},
                },
            ],
            "items": [
                # the only 项 row in this table with both 基本 and 项目 non-zero
                {
                    "page": 15,
                    "code": "2010601",
                    "printed_code": ["201", "06", "01"],
                    "name": "行政运行",
                    "amounts": {"合计": "16231840.80", "基本支出": "16093326.00", "项目支出": "138514.80"},
                },
                {
                    "page": 15,
                    "code": "2010607",
                    "printed_code": ["201", "06", "07"],
                    "name": "信息化建设",
                    "amounts": {"合计": "1666600.00", "基本支出": "", "项目支出": "1666600.00"},
                },
                {
                    "page": 15,
                    "code": "2080505",
                    "printed_code": ["208", "05", "05"],
                    "name": "机关事业单位基本养老保险缴费支出",
                    "amounts": {"合计": "1748327.00", "基本支出": "1748327.00", "项目支出": ""},
                },
            ],
        },
        "summary": {
            "title": "2025年部门财务收支预算总表",
            "unit": "元",
            "pages": [9],
            "收入总计": {"page": 9, "预算数": "31214205.80"},
            "支出总计": {"page": 9, "预算数": "31214205.80"},
            "rows": [
                {"page": 9, "side": "收入", "name": "一、财政拨款收入", "预算数": "31214205.80"},
                {"page": 9, "side": "收入", "name": "1. 一般公共预算资金", "预算数": "31214205.80"},
                {"page": 9, "side": "支出", "name": "一、一般公共服务支出", "预算数": "22186440.80"},
                {"page": 9, "side": "支出", "name": "二、社会保障和就业支出", "预算数": "3508644.00"},
                {"page": 9, "side": "支出", "name": "三、卫生健康支出", "预算数": "782164.00"},
                {"page": 9, "side": "支出", "name": "四、住房保障支出", "预算数": "4736957.00"},
            ],
        },
        "economic": {
            "title": "2025年部门一般公共预算基本支出部门预算经济分类预算表",
            "unit": "元",
            "pages": [19, 20],
            "total": {"page": 20, "合计": "25121091.00", "人员经费": "22826756.00", "公用经费": "2294335.00"},
            "classes": [
                {
                    "page": 19,
                    "code": "301",
                    "name": "工资福利支出",
                    "amounts": {"合计": "22109516.00", "人员经费": "22109516.00", "公用经费": "0.00"},
                },
                {
                    "page": 19,
                    "code": "302",
                    "name": "商品和服务支出",
                    "amounts": {"合计": "2204335.00", "人员经费": "0.00", "公用经费": "2204335.00"},
                },
                {
                    "page": 20,
                    "code": "303",
                    "name": "对个人和家庭的补助",
                    "amounts": {"合计": "717240.00", "人员经费": "717240.00", "公用经费": "0.00"},
                },
                {
                    "page": 20,
                    "code": "310",
                    "name": "资本性支出",
                    "amounts": {"合计": "90000.00", "人员经费": "0.00", "公用经费": "90000.00"},
                },
            ],
        },
        "three_public": {
            "title": "2025年部门“三公”经费和机关运行经费预算表",
            "unit": "万元",
            "page": 21,
            # header order left to right; the group header over the first six
            # columns is "“三公”经费预算数"
            "amounts": {
                "合计": "0.95",
                "因公出国(境)费": "",
                "公务接待费": "0.95",
                "公务用车购置及运行费/小计": "",
                "购置费": "",
                "运行费": "",
                "机关运行经费预算数": "229.43",
            },
            "note": None,  # nothing printed under the table
        },
        "notes": [
            "Function table prints blank cells (not 0) for empty 基本/项目 amounts; the economic table prints 0.00.",
            "三公 table uses a different (monospace) font and unit 万元 while all other tables are in 元.",
        ],
    },
    # read off pages 10, 20, 21, 22, 23, 26, 27, 28 of shanghai_putuo_wanlijiedao_2023_bumen_yusuan.pdf rendered at scale 1.6/3
    "shanghai_putuo_wanlijiedao_2023_bumen_yusuan": {
        "function_table": {
            "title": "2023年部门一般公共预算支出功能分类预算表",
            "printed_heading": "2023年部门一般公共预算支出功能分类预算表",
            "unit": "元",
            "pages": [20, 21, 22, 23],
            "total": {"page": 23, "合计": "164978640", "基本支出": "99406297", "项目支出": "65572343"},
            "classes": [
                {
                    "page": 20,
                    "code": "201",
                    "name": "一般公共服务支出",
                    "amounts": {"合计": "2976800", "基本支出": "0", "项目支出": "2976800"},
                },
                {
                    "page": 20,
                    "code": "204",
                    "name": "公共安全支出",
                    "amounts": {"合计": "1252300", "基本支出": "0", "项目支出": "1252300"},
                },
                {
                    "page": 21,
                    "code": "206",
                    "name": "科学技术支出",
                    "amounts": {"合计": "100000", "基本支出": "0", "项目支出": "100000"},
                },
                {
                    "page": 21,
                    "code": "207",
                    "name": "文化旅游体育与传媒支出",
                    "amounts": {"合计": "200000", "基本支出": "0", "项目支出": "200000"},
                },
                {
                    "page": 21,
                    "code": "208",
                    "name": "社会保障和就业支出",
                    "amounts": {"合计": "27073236", "基本支出": "18285736", "项目支出": "8787500"},
                },
                {
                    "page": 22,
                    "code": "210",
                    "name": "卫生健康支出",
                    "amounts": {"合计": "3095732", "基本支出": "2895732", "项目支出": "200000"},
                },
                {
                    "page": 22,
                    "code": "212",
                    "name": "城乡社区支出",
                    "amounts": {"合计": "121319878", "基本支出": "71441335", "项目支出": "49878543"},
                },
                {
                    "page": 23,
                    "code": "221",
                    "name": "住房保障支出",
                    "amounts": {"合计": "8960694", "基本支出": "6783494", "项目支出": "2177200"},
                },
            ],
            "items": [
                {
                    "page": 22,
                    "code": "2089999",
                    "printed_code": ["208", "99", "99"],
                    "name": "其他社会保障和就业支出",
                    "amounts": {"合计": "13312677", "基本支出": "11434477", "项目支出": "1878200"},
                },
                {
                    "page": 23,
                    "code": "2120199",
                    "printed_code": ["212", "01", "99"],
                    "name": "其他城乡社区管理事务支出",
                    "amounts": {"合计": "49927105", "基本支出": "46161905", "项目支出": "3765200"},
                },
                {
                    "page": 22,
                    "code": "2120101",
                    "printed_code": ["212", "01", "01"],
                    "name": "行政运行",
                    "amounts": {"合计": "18373632", "基本支出": "18373632", "项目支出": "0"},
                },
            ],
        },
        "summary": {
            "title": "2023年部门财务收支预算总表",
            "unit": "元",
            "pages": [10],
            "收入总计": {"page": 10, "预算数": "164978640"},
            "支出总计": {"page": 10, "预算数": "164978640"},
            "rows": [
                {"page": 10, "side": "收入", "name": "一、财政拨款收入", "预算数": "164978640"},
                {"page": 10, "side": "收入", "name": "1. 一般公共预算", "预算数": "164978640"},
                {"page": 10, "side": "支出", "name": "一、一般公共服务支出", "预算数": "2976800"},
                {"page": 10, "side": "支出", "name": "二、公共安全支出", "预算数": "1252300"},
                {"page": 10, "side": "支出", "name": "三、科学技术支出", "预算数": "100000"},
                {"page": 10, "side": "支出", "name": "四、文化旅游体育与传媒支出", "预算数": "200000"},
                {"page": 10, "side": "支出", "name": "五、社会保障和就业支出", "预算数": "27073236"},
                {"page": 10, "side": "支出", "name": "六、卫生健康支出", "预算数": "3095732"},
                {"page": 10, "side": "支出", "name": "七、城乡社区支出", "预算数": "121319878"},
                {"page": 10, "side": "支出", "name": "八、住房保障支出", "预算数": "8960694"},
            ],
        },
        "economic": {
            "title": "2023年部门一般公共预算基本支出部门预算经济分类预算表",
            "unit": "元",
            "pages": [26, 27],
            "total": {"page": 27, "合计": "99406297", "人员经费": "84024865", "公用经费": "15381432"},
            "classes": [
                {
                    "page": 26,
                    "code": "301",
                    "name": "工资福利支出",
                    "amounts": {"合计": "83847385", "人员经费": "83847385", "公用经费": ""},
                },
                {
                    "page": 26,
                    "code": "302",
                    "name": "商品和服务支出",
                    "amounts": {"合计": "15381432", "人员经费": "", "公用经费": "15381432"},
                },
                {
                    "page": 27,
                    "code": "303",
                    "name": "对个人和家庭的补助",
                    "amounts": {"合计": "177480", "人员经费": "177480", "公用经费": ""},
                },
            ],
        },
        "three_public": {
            "title": "2023年部门“三公”经费和机关运行经费预算表",
            "unit": "万元",
            "page": 28,
            # group header over the first six columns: "2023年“三公”经费预算数"
            "amounts": {
                "合计": "22.91",
                "因公出国(境)费": "0",
                "公务接待费": "1.35",
                "公务用车购置及运行费/小计": "21.56",
                "购置费": "0",
                "运行费": "21.56",
                "2023年机关运行经费预算数": "786.09",
            },
            "note": None,  # nothing printed under the table
        },
        "notes": [
            "Amounts are integers without decimals; the function table prints 0 (not blank) for empty 基本/项目 cells,",
            "while the economic table leaves empty 人员经费/公用经费 cells blank.",
        ],
    },
    # read off pages 10, 22, 23, 24, 25, 26, 29, 30, 31 of shanghai_putuo_wanlijiedao_2024_bumen_yusuan.pdf rendered at scale 1.6/3
    "shanghai_putuo_wanlijiedao_2024_bumen_yusuan": {
        "function_table": {
            "title": "2024年部门一般公共预算支出功能分类预算表",
            "printed_heading": "2024年部门一般公共预算支出功能分类预算表",
            "unit": "元",
            "pages": [22, 23, 24, 25, 26],
            "total": {"page": 26, "合计": "156211123", "基本支出": "99706020", "项目支出": "56505103"},
            "classes": [
                {
                    "page": 22,
                    "code": "201",
                    "name": "一般公共服务支出",
                    "amounts": {"合计": "2932700", "基本支出": "0", "项目支出": "2932700"},
                },
                {
                    "page": 23,
                    "code": "204",
                    "name": "公共安全支出",
                    "amounts": {"合计": "1633000", "基本支出": "0", "项目支出": "1633000"},
                },
                {
                    "page": 23,
                    "code": "205",
                    "name": "教育支出",
                    "amounts": {"合计": "250000", "基本支出": "0", "项目支出": "250000"},
                },
                {
                    "page": 23,
                    "code": "206",
                    "name": "科学技术支出",
                    "amounts": {"合计": "100000", "基本支出": "0", "项目支出": "100000"},
                },
                {
                    "page": 23,
                    "code": "207",
                    "name": "文化旅游体育与传媒支出",
                    "amounts": {"合计": "200000", "基本支出": "0", "项目支出": "200000"},
                },
                {
                    "page": 23,
                    "code": "208",
                    "name": "社会保障和就业支出",
                    "amounts": {"合计": "19604064", "基本支出": "13368164", "项目支出": "6235900"},
                },
                {
                    "page": 24,
                    "code": "210",
                    "name": "卫生健康支出",
                    "amounts": {"合计": "3223657", "基本支出": "3023657", "项目支出": "200000"},
                },
                {
                    "page": 25,
                    "code": "212",
                    "name": "城乡社区支出",
                    "amounts": {"合计": "119385303", "基本支出": "76609000", "项目支出": "42776303"},
                },
                {
                    "page": 25,
                    "code": "221",
                    "name": "住房保障支出",
                    "amounts": {"合计": "8882399", "基本支出": "6705199", "项目支出": "2177200"},
                },
            ],
            "items": [
                {
                    "page": 24,
                    "code": "2089999",
                    "printed_code": ["208", "99", "99"],
                    "name": "其他社会保障和就业支出",
                    "amounts": {"合计": "7812394", "基本支出": "6133194", "项目支出": "1679200"},
                },
                {
                    "page": 25,
                    "code": "2120101",
                    "printed_code": ["212", "01", "01"],
                    "name": "行政运行",
                    "amounts": {"合计": "16603248", "基本支出": "16353248", "项目支出": "250000"},
                },
                {
                    "page": 25,
                    "code": "2120199",
                    "printed_code": ["212", "01", "99"],
                    "name": "其他城乡社区管理事务支出",
                    "amounts": {"合计": "54212362", "基本支出": "54212362", "项目支出": "0"},
                },
            ],
        },
        "summary": {
            "title": "2024年部门财务收支预算总表",
            "unit": "元",
            "pages": [10],
            "收入总计": {"page": 10, "预算数": "156211123"},
            "支出总计": {"page": 10, "预算数": "156211123"},
            "rows": [
                {"page": 10, "side": "收入", "name": "一、财政拨款收入", "预算数": "156211123"},
                {"page": 10, "side": "收入", "name": "1. 一般公共预算资金", "预算数": "156211123"},
                {"page": 10, "side": "支出", "name": "一、一般公共服务支出", "预算数": "2932700"},
                {"page": 10, "side": "支出", "name": "二、公共安全支出", "预算数": "1633000"},
                {"page": 10, "side": "支出", "name": "三、教育支出", "预算数": "250000"},
                {"page": 10, "side": "支出", "name": "四、科学技术支出", "预算数": "100000"},
                {"page": 10, "side": "支出", "name": "五、文化旅游体育与传媒支出", "预算数": "200000"},
                {"page": 10, "side": "支出", "name": "六、社会保障和就业支出", "预算数": "19604064"},
                {"page": 10, "side": "支出", "name": "七、卫生健康支出", "预算数": "3223657"},
                {"page": 10, "side": "支出", "name": "八、城乡社区支出", "预算数": "119385303"},
                {"page": 10, "side": "支出", "name": "九、住房保障支出", "预算数": "8882399"},
            ],
        },
        "economic": {
            "title": "2024年部门一般公共预算基本支出部门预算经济分类预算表",
            "unit": "元",
            "pages": [29, 30],
            "total": {"page": 30, "合计": "99706020", "人员经费": "88537451", "公用经费": "11168569"},
            "classes": [
                {
                    "page": 29,
                    "code": "301",
                    "name": "工资福利支出",
                    "amounts": {"合计": "88282511", "人员经费": "88282511", "公用经费": "0"},
                },
                {
                    "page": 29,
                    "code": "302",
                    "name": "商品和服务支出",
                    "amounts": {"合计": "11168569", "人员经费": "0", "公用经费": "11168569"},
                },
                {
                    "page": 30,
                    "code": "303",
                    "name": "对个人和家庭的补助",
                    "amounts": {"合计": "254940", "人员经费": "254940", "公用经费": "0"},
                },
            ],
            # 款 codes printed without their leading zero on page 29
            "odd_printed_codes": [
                {
                    "page": 29,
                    "printed": ["301", "2"],
                    "expected": "30102",
                    "name": "津贴补贴",
                    "amounts": {"合计": "16623810", "人员经费": "16623810", "公用经费": "0"},
                },
                {
                    "page": 29,
                    "printed": ["301", "7"],
                    "expected": "30107",
                    "name": "绩效工资",
                    "amounts": {"合计": "11447100", "人员经费": "11447100", "公用经费": "0"},
                },
            ],
        },
        "three_public": {
            # NB: this title has no year prefix, unlike the other tables
            "title": "部门“三公”经费和机关运行经费预算表",
            "unit": "万元",
            "page": 31,
            # group header over the first six columns: "2024年“三公”经费预算数"
            "amounts": {
                "合计": "47.91",
                "因公出国(境)费": "0",
                "公务接待费": "1.35",
                "公务用车购置及运行费/小计": "46.56",
                "购置费": "25",
                "运行费": "21.56",
                "2024年机关运行经费预算数": "443.18",
            },
            # printed directly under the table, although the table is NOT empty
            "note": "注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。",
        },
        "notes": [
            "三公 table (p31) carries the note '本表为空表' yet prints non-zero amounts (合计 47.91, 机关运行经费 443.18).",
            "三公 title lacks the '2024年' prefix that every other table title has.",
            "Economic table (p29) prints 款 codes '2' and '7' for 津贴补贴/绩效工资 instead of '02'/'07'.",
            "购置费 is printed as '25' (no decimals) while the other 三公 cells have two decimals.",
        ],
    },
    # read off pages 10, 14, 15, 16 of jiangsu_jianchayuan_2017_bumen_yusuan.pdf rendered at scale 1.6/3
    "jiangsu_jianchayuan_2017_bumen_yusuan": {
        "function_table": {
            "title": "一般公共预算支出预算表",
            "printed_heading": "八、一般公共预算支出预算表",
            "unit": "万元",
            "pages": [14],
            "total": {"page": 14, "金额": "17981.68"},
            "classes": [
                {"page": 14, "code": "204", "name": "公共安全支出", "amounts": {"金额": "13641.34"}},
                {"page": 14, "code": "208", "name": "社会保障和就业支出", "amounts": {"金额": "2021.18"}},
                {"page": 14, "code": "221", "name": "住房保障支出", "amounts": {"金额": "2319.16"}},
            ],
            "items": [
                {
                    "page": 14,
                    "code": "2040401",
                    "printed_code": ["2040401"],
                    "name": "行政运行",
                    "amounts": {"金额": "7968.14"},
                },
                {
                    "page": 14,
                    "code": "2080504",
                    "printed_code": ["2080504"],
                    "name": "未归口管理的行政单位离退休",
                    "amounts": {"金额": "2021.18"},
                },
                {
                    "page": 14,
                    "code": "2210202",
                    "printed_code": ["2210202"],
                    "name": "提租补贴",
                    "amounts": {"金额": "1534.94"},
                },
            ],
        },
        "summary": {
            "title": "收支预算总表",
            "printed_heading": "一、收支预算总表",
            "unit": "万元",
            "pages": [10],
            "当年收入小计": {"page": 10, "金额": "17996.68"},
            "当年支出小计": {"page": 10, "金额": "17996.68"},
            "收入合计": {"page": 10, "金额": "17996.68"},
            "支出合计": {"page": 10, "金额": "17996.68"},
            "rows": [
                {"page": 10, "side": "收入", "name": "一、财政拨款", "金额": "17981.68"},
                {"page": 10, "side": "收入", "name": "1.一般公共预算", "金额": "17981.68"},
                {"page": 10, "side": "收入", "name": "三、其他资金", "金额": "15.00"},
                {"page": 10, "side": "支出/功能分类", "name": "四、公共安全支出", "金额": "13656.34"},
                {"page": 10, "side": "支出/功能分类", "name": "八、社会保障和就业支出", "金额": "2021.18"},
                {"page": 10, "side": "支出/功能分类", "name": "十八、住房保障支出", "金额": "2319.16"},
                {"page": 10, "side": "支出/支出用途", "name": "一、基本支出", "金额": "12323.48"},
                {"page": 10, "side": "支出/支出用途", "name": "二、项目支出", "金额": "5533.00"},
                {"page": 10, "side": "支出/支出用途", "name": "三、单位预留机动经费", "金额": "140.20"},
            ],
        },
        "economic": {
            "title": "一般公共预算基本支出预算表",
            "printed_heading": "九、一般公共预算基本支出预算表",
            "unit": "万元",
            "pages": [14, 15],
            "total": {"page": 14, "金额": "12308.48"},
            "classes": [
                {"page": 14, "code": "301", "name": "工资福利支出", "amounts": {"金额": "5343.83"}},
                {"page": 14, "code": "302", "name": "商品和服务支出", "amounts": {"金额": "2598.06"}},
                {"page": 15, "code": "303", "name": "对个人和家庭的补助", "amounts": {"金额": "4366.59"}},
            ],
        },
        "three_public": {
            "title": "一般公共预算“三公”经费、会议费、培训费支出预算表",
            "printed_heading": "十一、一般公共预算“三公”经费、会议费、培训费支出预算表",
            "unit": "万元",
            "page": 16,
            "amounts": {
                "合计": "1452.35",
                "“三公”经费/小计": "584.35",
                "因公出国（境）费": "110.00",
                "公务用车购置及运行维护费/小计": "317.80",
                "公务用车购置费": "50.00",
                "公务用车运行维护费": "267.80",
                "公务接待费": "156.55",
                "会议费": "168.00",
                "培训费": "700.00",
            },
            "note": None,
        },
        "notes": [
            "Same function rows also appear in 五、财政拨款支出预算表 (p12) with identical amounts.",
            "收支预算总表 公共安全支出 is 13656.34 = 13641.34 (一般公共预算) + 15.00 (其他资金); 基本支出 12323.48 vs 12308.48 in 基本支出预算表 (difference 15.00).",
            "In the basic-expenditure table 30211 差旅费 is printed after 30299 (out of code order, p15).",
        ],
    },
    # read off pages 13, 14, 17, 18, 19 of jiangsu_jianchayuan_2018_bumen_yusuan.pdf rendered at scale 1.6/3
    "jiangsu_jianchayuan_2018_bumen_yusuan": {
        "function_table": {
            "title": "一般公共预算支出预算表",
            "printed_heading": "公开07表：一般公共预算支出预算表",
            "unit": "万元",
            "pages": [17, 18],
            "total": {"page": 17, "金额": "21940.96"},
            "classes": [
                {"page": 17, "code": "204", "name": "公共安全支出", "amounts": {"金额": "16444.36"}},
                {"page": 17, "code": "208", "name": "社会保障和就业支出", "amounts": {"金额": "1836.22"}},
                {"page": 18, "code": "221", "name": "住房保障支出", "amounts": {"金额": "3660.38"}},
            ],
            "items": [
                {
                    "page": 17,
                    "code": "2040401",
                    "printed_code": ["2040401"],
                    "name": "行政运行",
                    "amounts": {"金额": "10883.36"},
                },
                # printed as "1895.00" WITHOUT a thousands separator (all other values have one)
                {
                    "page": 17,
                    "code": "2040405",
                    "printed_code": ["2040405"],
                    "name": "公诉、审判、侦查、执行等检察监督支出",
                    "amounts": {"金额": "1895.00"},
                },
                {
                    "page": 18,
                    "code": "2210202",
                    "printed_code": ["2210202"],
                    "name": "提租补贴",
                    "amounts": {"金额": "2586.61"},
                },
            ],
        },
        "summary": {
            "title": "收支预算总表",
            "printed_heading": "公开01表：收支预算总表",
            "unit": "万元",
            "pages": [13, 14],
            "当年收入小计": {"page": 14, "金额": "21955.35"},
            "当年支出小计": {"page": 14, "金额": "21955.35"},
            "收入合计": {"page": 14, "金额": "21955.35"},
            "支出合计": {"page": 14, "金额": "21955.35"},
            "rows": [
                {"page": 13, "side": "收入", "name": "一、财政拨款", "金额": "21940.96"},
                {"page": 13, "side": "收入", "name": "1.一般公共预算", "金额": "21940.96"},
                {"page": 13, "side": "收入", "name": "三、其他资金", "金额": "14.39"},
                {"page": 13, "side": "支出/功能分类", "name": "四、公共安全支出", "金额": "16458.75"},
                {"page": 13, "side": "支出/功能分类", "name": "八、社会保障和就业支出", "金额": "1836.22"},
                {"page": 14, "side": "支出/功能分类", "name": "十八、住房保障支出", "金额": "3660.38"},
                {"page": 13, "side": "支出/支出用途", "name": "一、基本支出", "金额": "13994.31"},
                {"page": 13, "side": "支出/支出用途", "name": "二、项目支出", "金额": "5573.00"},
                {"page": 13, "side": "支出/支出用途", "name": "三、单位预留机动经费", "金额": "2388.04"},
            ],
        },
        "economic": {
            "title": "一般公共预算基本支出预算表",
            "printed_heading": "公开08表：一般公共预算基本支出预算表",
            "unit": "万元",
            "pages": [18, 19],
            "total": {"page": 18, "金额": "13979.92"},
            "classes": [
                {"page": 18, "code": "301", "name": "工资福利支出", "amounts": {"金额": "10204.52"}},
                {"page": 18, "code": "302", "name": "商品和服务支出", "amounts": {"金额": "2722.57"}},
                {"page": 19, "code": "303", "name": "对个人和家庭的补助", "amounts": {"金额": "1052.83"}},
            ],
        },
        "three_public": {
            "title": "一般公共预算“三公”经费、会议费、培训费支出预算表",
            "printed_heading": "公开09表：一般公共预算“三公”经费、会议费、培训费支出预算表",
            "unit": "万元",
            "page": 19,
            "amounts": {
                "合计": "1384.74",
                "“三公”经费/小计": "484.30",
                "因公出国（境）费": "100.00",
                "公务用车购置及运行维护费/小计": "267.80",
                "公务用车购置费": "",
                "公务用车运行维护费": "267.80",
                "公务接待费": "116.50",
                "会议费": "200.44",
                "培训费": "700.00",
            },
            "note": None,
        },
        "notes": [
            "Function table is split over p17/p18 (221 rows on p18); the 合计 row label is spaced '合　计'.",
            "2040405 amount printed '1895.00' with no thousands separator (p16 and p17).",
            "收支预算总表 基本支出 13994.31 vs 13979.92 in the 基本支出 tables (difference 14.39 = 其他资金).",
            "In the basic-expenditure table 30211 差旅费 is printed after 30299 (out of code order, p19).",
            "公开10表 政府性基金 (p19) prints '此表为空' in the code column and the note '说明：本部门无相关收支项目。'.",
        ],
    },
    # read off pages 11, 12, 15, 16, 17 of jiangsu_gaoji_fayuan_2017_bumen_yusuan.pdf rendered at scale 1.6/3
    "jiangsu_gaoji_fayuan_2017_bumen_yusuan": {
        "function_table": {
            "title": "2017年度江苏省高级人民法院部门一般公共预算支出预算表",
            "printed_heading": "八、2017年度江苏省高级人民法院部门一般公共预算支出预算表",
            "unit": "万元",
            "pages": [15],
            "total": {"page": 15, "金额": "28849.38"},
            "classes": [
                {"page": 15, "code": "204", "name": "公共安全支出", "amounts": {"金额": "23513.11"}},
                {"page": 15, "code": "208", "name": "社会保障和就业支出", "amounts": {"金额": "2347.13"}},
                {"page": 15, "code": "221", "name": "住房保障支出", "amounts": {"金额": "2989.14"}},
            ],
            "items": [
                {
                    "page": 15,
                    "code": "2040501",
                    "printed_code": ["2040501"],
                    "name": "行政运行",
                    "amounts": {"金额": "11786.92"},
                },
                {
                    "page": 15,
                    "code": "2040504",
                    "printed_code": ["2040504"],
                    "name": "案件审判",
                    "amounts": {"金额": "1733.30"},
                },
                {
                    "page": 15,
                    "code": "2210201",
                    "printed_code": ["2210201"],
                    "name": "住房公积金",
                    "amounts": {"金额": "1029.15"},
                },
            ],
        },
        "summary": {
            "title": "2017年度江苏省高级人民法院部门收支预算总表",
            "printed_heading": "一、2017年度江苏省高级人民法院部门收支预算总表",
            "unit": "万元",
            "pages": [11, 12],
            "当年收入小计": {"page": 12, "金额": "28849.38"},
            "当年支出小计": {"page": 12, "金额": "28849.38"},
            "收入合计": {"page": 12, "金额": "28849.38"},
            "支出合计": {"page": 12, "金额": "28849.38"},
            "rows": [
                {"page": 11, "side": "收入", "name": "一、财政拨款", "金额": "28849.38"},
                {"page": 11, "side": "收入", "name": "1.一般公共预算", "金额": "28849.38"},
                {"page": 12, "side": "支出/功能分类", "name": "四、公共安全支出", "金额": "23513.11"},
                {"page": 12, "side": "支出/功能分类", "name": "八、社会保障和就业支出", "金额": "2347.13"},
                {"page": 12, "side": "支出/功能分类", "name": "十八、住房保障支出", "金额": "2989.14"},
                {"page": 11, "side": "支出/支出用途", "name": "一、基本支出", "金额": "17123.19"},
                {"page": 11, "side": "支出/支出用途", "name": "二、项目支出", "金额": "11543.27"},
                {"page": 11, "side": "支出/支出用途", "name": "三、单位预留机动经费", "金额": "182.92"},
            ],
        },
        "economic": {
            "title": "2017年度江苏省高级人民法院部门一般公共预算基本支出预算表",
            "printed_heading": "九、2017年度江苏省高级人民法院部门一般公共预算基本支出预算表",
            "unit": "万元",
            "pages": [15, 16],
            "total": {"page": 15, "金额": "17123.19"},
            "classes": [
                {"page": 15, "code": "301", "name": "工资福利支出", "amounts": {"金额": "7687.65"}},
                {"page": 15, "code": "302", "name": "商品和服务支出", "amounts": {"金额": "3528.37"}},
                {"page": 16, "code": "303", "name": "对个人和家庭的补助", "amounts": {"金额": "5907.17"}},
            ],
        },
        "three_public": {
            # NB: "2017年" here, where the other table headings say "2017年度"
            "title": "2017年江苏省高级人民法院部门一般公共预算“三公”经费、会议费、培训费支出预算表",
            "printed_heading": "十一、2017年江苏省高级人民法院部门一般公共预算“三公”经费、会议费、培训费支出预算表",
            "unit": "万元",
            "page": 17,
            "amounts": {
                "合计": "2599.37",
                "“三公”经费/小计": "670.12",
                "因公出国（境）费": "180.00",
                "公务用车购置及运行维护费/小计": "304.40",
                "公务用车购置费": "",
                "公务用车运行维护费": "304.40",
                "公务接待费": "185.72",
                "会议费": "228.00",
                "培训费": "1701.25",
            },
            "note": None,
        },
        "notes": [
            "Summary table starts at the bottom of p11 (header + first three rows) and continues on p12 (totals).",
            "Table headings carry no '公开NN表' label; the 三公 heading says '2017年' while others say '2017年度'.",
            "Function/economic rows are identical in the 财政拨款 tables 五/六 (p13-p14).",
            "p15 also holds 七、政府性基金支出预算表 with only an empty 合计 row (no note).",
        ],
    },
}
