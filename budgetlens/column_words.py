"""The model's field names and coded values said in plain Chinese, for what the public reads and downloads: a grid's
column headers (the field name kept as the header's tooltip), the CSV and Excel downloads' headers, and the coded
values of a few columns (a table's kind, scope, reader and status; a measure; a basis). Words only: the snapshots keep
their field names and codes (docs/DATA.md), and the Parquet download keeps them too, for programs."""

from __future__ import annotations

import re

import polars as pl

from budgetlens.canonical.said import said_in_chinese
from budgetlens.canonical_queries import MEASURE_ZH, SCOPE_ZH, scope_words
from budgetlens.check_queries import CHECK_STATUS_ZH
from budgetlens.formatting import MINUS
from budgetlens.vocabulary import THREE_PUBLIC_ZH

# Each field as a reader would name it. A field not here is composed from its parts (column_header: total_wan →
# 合计（万元）), or failing that shown as it is.
FIELD_ZH = {
    "doc_id": "文件编号",
    "table_id": "表编号",
    "rule_id": "规则编号",
    "project_key": "项目编号",
    "project_code": "项目代码",
    "project_listed_code": "所列项目代码",
    "department_code": "部门代码",
    "unit_code": "单位代码",
    "item_code": "品目代码",
    "economic_code": "经济分类科目编码",
    "function_code": "功能分类科目编码",
    "code": "科目编码",
    "code_printed": "科目编码（原文）",
    "parent_code": "上级科目编码",
    "name": "名称",
    "name_printed": "名称（原文）",
    "other_names": "其他名称",
    "parent_name": "上级名称",
    "economic_name": "经济分类科目名称",
    "function_name": "功能分类科目名称",
    "item_name": "品目名称",
    "unit_name": "单位名称",
    "unit_name_in_header": "表头中的单位名称",
    "department": "部门",
    "department_printed": "部门（原文）",
    "department_key": "部门",
    "department_join": "部门名称的合并",
    "department_joined_name": "合并前的部门名称",
    "region": "地区",
    "level": "层级",
    "budget_year": "年度",
    "year": "年度",
    "stage": "预算或决算",
    "format": "原件格式",
    "kind": "类别",
    "scope": "资金范围",
    "reader": "读取方式",
    "status": "状态",
    "title": "表名（原文）",
    "table_title": "表名（原文）",
    "number_printed": "编号（原文）",
    "unit_printed": "金额单位（原文）",
    "unit": "单位",
    "pages": "所在各页",
    "page": "页码",
    "box": "在页面上的位置",
    "char_x0": "各字左边位置（磅）",
    "char_x1": "各字右边位置（磅）",
    "printed_places": "原文小数位数（万元计）",
    "seq_printed": "序号（原文）",
    "project_belongs_to": "所属项目",
    "project_source": "所属项目从何得知",
    "economic_belongs_to": "所属经济科目",
    "economic_source": "所属经济科目从何得知",
    "rows": "行数",
    "row": "行",
    "column": "列",
    "column_name": "列名（原文）",
    "text": "文字",
    "warnings": "读取提示",
    "promised_in_contents": "目录中列出",
    "contents_lines": "目录所在行",
    "contents_page": "目录所在页",
    "contents_box": "目录中的位置",
    "source_lines": "原文行号",
    "source_sha256": "原件校验值",
    "ocr_confidence": "文字识别的把握",
    "classification": "分类",
    "measure": "栏目",
    "measure_printed": "栏目（原文）",
    "basis": "口径",
    "section": "部分",
    "side": "一方",
    "seq": "顺序",
    "amount_wan": "金额（万元）",
    "amount_printed": "金额（原文）",
    "amount_yuan": "金额（元）",
    "basic_personnel_wan": "基本支出·人员经费（万元）",
    "basic_public_wan": "基本支出·公用经费（万元）",
    "three_public_wan": "“三公”经费（万元）",
    "staff": "人数",
    "checks_pass": "通过的核对",
    "checks_fail": "没有通过的核对",
    "checks_not_applicable": "无法核对",
    "findings": "发现的矛盾",
    "check_failed": "未通过核对（页面标 ⚠）",
    "item": "项目",
    "parent_item": "上级项目",
    "part_printed": "部分（原文）",
    "is_total": "是合计行",
    "share_pct": "占比（%）",
    "share_printed": "占比（原文）",
    "placement_inferred": "位置推断",
    "placement_note": "位置推断说明",
    "group": "分组",
    "instance": "核对对象",
    "instance_zh": "核对对象（栏目译为中文）",
    "description_zh": "规则",
    "description_en": "规则（英文）",
    "schedules": "涉及的表",
    "expected_label": "一方",
    "expected": "一方数值",
    "expected_text": "一方文字",
    "expected_where": "一方在原件中",
    "expected_lines": "一方原文行",
    "expected_doc": "一方文件",
    "expected_page": "一方页码",
    "expected_box": "一方位置",
    "actual_label": "另一方",
    "actual": "另一方数值",
    "actual_text": "另一方文字",
    "actual_where": "另一方在原件中",
    "actual_lines": "另一方原文行",
    "actual_doc": "另一方文件",
    "actual_page": "另一方页码",
    "actual_box": "另一方位置",
    "difference": "差额（另一方 − 一方）",  # a check's actual − expected
    "precision": "比较精度",
    "note": "说明",
    "message": "提示",
    "detail": "提示（英文）",
    "term": "名词",
    "explanation": "解释",
    "project": "项目",
    "project_name": "项目名称",
    "project_listed": "所列项目",
    "category": "类别",
    "nature": "项目性质",
    "executing_units": "执行单位",
    "units": "执行单位",
    "leader": "负责人",
    "phone": "电话",
    "start": "开始",
    "end": "结束",
    "reason": "理由",
    "content": "主要内容",
    "change_statement": "当年预算变动情况及理由",
    "prior_years_status": "往年预算",
    "prior_years_text": "往年预算（原文）",
    "is_new": "新增",
    "total_places": "合计印出的小数位数（万元）",
    "change_wan": "增减（万元）",
    "change_printed": "增减（原文）",
    "change_direction": "增减方向",
    "direction": "增或减",
    "share_of_projects_pct": "占项目支出（%）",
    "indicator_count": "指标数",
    "indicator_names": "指标名称",
    "procurement_yuan": "政府采购（元）",
    "services_yuan": "购买服务（元）",
    "project_total_wan": "项目资金总额（万元）",
    "project_total_printed": "项目资金总额（原文）",
    "total_budget_wan": "预算总额（万元）",
    "budget_printed": "预算（原文）",
    "goal_kind": "目标类别",
    "goal_number": "目标序号",
    "goal_long_term": "长期目标",
    "goal_annual": "年度目标",
    "linked_goal": "对应目标",
    "linked_project": "对应项目",
    "level1": "一级指标",
    "level2": "二级指标",
    "indicator": "指标",
    "target": "指标值或所指",
    "target_comparator": "比较符",
    "target_number": "数值",
    "target_number_max": "数值上限",
    "target_unit": "数值单位",
    "comparator": "比较符",
    "number": "数值",
    "number_max": "数值上限",
    "value": "数值",
    "value_printed": "数值（原文）",
    "value_basis": "数值口径",
    "source": "来源",
    "method": "采购方式",
    "quantity": "数量",
    "measure_unit": "计量单位",
    "unit_price_wan": "单价（万元）",
    "unit_price_yuan": "单价（元）",
    "sme_amount_wan": "面向中小企业（万元）",
    "sme_amount_yuan": "面向中小企业（元）",
    "micro_amount_wan": "面向小微企业（万元）",
    "micro_amount_yuan": "面向小微企业（元）",
    "economic": "经济分类",
    "basic_expenditure": "基本支出",
    "fund_nature": "资金性质",
    "fund_source": "资金来源",
    "service_content": "购买服务内容",
    "includes_procurement": "包含政府采购",
    "catalog_level1": "目录一级",
    "catalog_level2": "目录二级",
    "catalog_level3": "目录三级",
    "statement": "原文语句",
    "sentence": "原文语句",
    "subject": "所说的项目",
    "names": "名称",
    "words_before": "前文",
    "label": "名称（原文）",
    "compared_year": "比较的年度",
    "executed_year": "上年执行数的年度",
    "executed_wan": "上年预算执行数（万元）",
    "executed_printed": "上年预算执行数（原文）",
    "executed_rate_pct": "比上年执行数增减（%）",
    "executed_rate_printed": "比上年执行数增减（原文）",
    "reason_stated": "文件所述原因",
    "count": "数目",
    "count_printed": "数目（原文）",
    "key": "项目",
    "resolution": "对照方式",
    "schedule": "表",
    "binding": "对应方式",
    "rate_against": "完成率的基数",
    "rate_against_printed": "完成率的基数（原文）",
    "rate_printed": "完成率（原文）",
    "rate_stated": "完成率",
    "comparison_stated": "文件所做的比较",
    "actual_wan": "决算数（万元）",
    "actual_printed": "决算数（原文）",
    "budget_wan": "预算数（万元）",
    "budget_initial_wan": "年初预算数（万元）",
    "budget_initial_printed": "年初预算数（原文）",
    "budget_full_wan": "全年预算数（万元）",
    "budget_full_printed": "全年预算数（原文）",
    "states_none": "写明为无",
    "row_kind": "行的类别",
    "row_level": "行的层级",
}
# Parts a field name is built of: a prefix and the measure after it (current_general_budget_wan)
FIELD_PREFIXES = {"current_": "本年收入·", "carryover_": "上年结转·"}
FIELD_PARTS = MEASURE_ZH | {
    "affiliate_remittance": "附属单位上缴收入",
    "superior_subsidy": "上级补助收入",
    "unit_funds": "单位资金",
    "personnel_projects": "人员类项目",
    "public_expense_projects": "公用经费项目",
    "special_purpose_projects": "特定目标类项目",
    "other_operating_projects": "其他运转类项目",
    "other": "其他",
    "income_current": "本年收入",
    "opening_balance": "年初结转和结余",
    "closing_balance": "年末结转和结余",
}
FIELD_UNITS = {"_wan": "（万元）", "_yuan": "（元）", "_pct": "（%）", "_printed": "（原文）"}
# A field of one year (budget_2021_wan, value_2022_unit): the field's word, the year, what of it
YEAR_FIELD = re.compile(r"(?P<base>[a-z]+)_(?P<year>\d{4})(?:_(?P<what>[a-z_]+))?")
YEAR_BASES = {"budget": "预算", "amount": "金额", "value": "指标值", "share": "占比"}
YEAR_WHATS = {
    None: "",
    "wan": "（万元）",
    "pct": "（%）",
    "raw": "（原文）",
    "wording": "·说法（预算或下达）",
    "comparator": "·比较符",
    "number": "·数值",
    "number_max": "·数值上限",
    "unit": "·单位",
}
UNLABELED = re.compile(r"unlabeled_column_(?P<number>\d+)")

# Coded values said in words, per column (a value not listed is shown as stored)
SCHEDULE_KIND_ZH = {
    "summary": "收支总表",
    "fiscal_summary": "财政拨款收支总表",
    "income": "收入表",
    "expenditure": "支出表",
    "expenditure_by_function": "按功能分类的支出表",
    "basic_by_economic": "按经济分类的基本支出表",
    "operating_expenses": "机关运行经费表",
    "three_public": "“三公”经费表",
    "procurement": "政府采购表",
    "purchased_services": "政府购买服务表",
    "projects": "项目表",
    "performance": "绩效目标表",
    "units": "单位构成表",
    "unknown": "未识别的表",
}
READER_ZH = {
    "coded": "按科目编码读取",
    "two_sided": "按收、支两边读取",
    "form": "按表单读取",
    "listing": "按清单读取",
    "units": "按单位名单读取",
    "single_row": "按单行读取",
    "text_export": "从文本导出读取",
    "raw": "按原样保存",
}
STATUS_ZH = {"read": "已读取", "kept_raw": "按原样保存", "absent": "目录列出、文件中没有"} | CHECK_STATUS_ZH
BASIS_ZH = {"budget": "预算数", "actual": "决算数", "allocated": "下达数"}
SIDE_ZH = {"income": "收入", "expenditure": "支出", "expected": "一方", "actual": "另一方"}
VALUE_ZH: dict[str, dict[str, str]] = {
    "kind": SCHEDULE_KIND_ZH,
    "reader": READER_ZH,
    "status": STATUS_ZH,
    "scope": SCOPE_ZH | {"department": "部门整体", "project": "项目"},
    "measure": FIELD_PARTS,
    "basis": BASIS_ZH,
    "side": SIDE_ZH,
    "section": SIDE_ZH,
    "goal_kind": {"long_term": "长期目标", "annual": "年度目标"},
    "direction": {"increase": "增加", "decrease": "减少"},
    "change_direction": {"increase": "增加", "decrease": "减少", "same": "持平"},
    "prior_years_status": {"stated": "已列出", "new_project": "新增项目", "not_stated": "未列明"},
    "row_kind": {
        "item": "项目行",
        "subtotal": "小计",
        "total": "合计",
        "carryover": "结转结余",
        "grand_total": "总计",
        "statement": "说明行",
    },
    "item": THREE_PUBLIC_ZH,
    "parent_item": THREE_PUBLIC_ZH,
}


def column_header(field: str) -> str:
    """A field's header in Chinese: FIELD_ZH, else composed from its parts (budget_2021_wan → 预算 2021（万元）,
    current_general_budget_wan → 本年收入·一般公共预算（万元）), else the field name as it is."""
    if field in FIELD_ZH:
        return FIELD_ZH[field]
    by_year = YEAR_FIELD.fullmatch(field)
    if by_year and by_year["base"] in YEAR_BASES and by_year["what"] in YEAR_WHATS:
        return f"{YEAR_BASES[by_year['base']]} {by_year['year']}{YEAR_WHATS[by_year['what']]}"
    stem, unit = field, ""
    for ending, word in FIELD_UNITS.items():
        if stem.endswith(ending):
            stem, unit = stem[: -len(ending)], word
            break
    prefix = ""
    for start, word in FIELD_PREFIXES.items():
        if stem.startswith(start):
            stem, prefix = stem[len(start) :], word
            break
    if stem in FIELD_PARTS:
        return f"{prefix}{FIELD_PARTS[stem]}{unit}"
    unlabeled = UNLABELED.fullmatch(stem)
    if unlabeled:
        return f"未印列名的第 {unlabeled['number']} 列{unit}"
    return field


def headers(fields: list[str]) -> dict[str, str]:
    """field → its Chinese header, each header once (a second field with the same words gets its field name)."""
    named: dict[str, str] = {}
    for field in fields:
        header = column_header(field)
        named[field] = header if header not in named.values() else f"{header}（{field}）"
    return named


def values_in_words(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with the coded values of VALUE_ZH's columns in words (a value not listed kept as stored); a table's
    scope as every page says it (canonical_queries.scope_words: a 三公 table whose title names none)."""
    if {"kind", "scope"} <= set(frame.columns):
        said = pl.struct("scope", "kind").map_elements(lambda t: scope_words(t["scope"], t["kind"]), pl.String)
        frame = frame.with_columns(said.alias("scope"))  # in words already: VALUE_ZH leaves them as they are
    return frame.with_columns(
        pl.col(column).replace(words)
        for column, words in VALUE_ZH.items()
        if column in frame.columns and frame.schema[column] == pl.String
    )


def _warnings_said(row: dict) -> list[str]:
    return [said_in_chinese(w, row["title"], row["table_id"], row.get("page"))[1] for w in row["warnings"] or []]


def grid_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """A model table as the 数据表 grid shows it: coded values in words, and every number as text (exact decimals
    without the store's padding zeros, 2484.0778; a true minus), "—" where the table has no number: the grid would
    print an empty number as "None". Text cells sort as text; the downloads keep the exact values."""
    numbers = [column for column, dtype in frame.schema.items() if dtype.is_numeric()]
    if {"warnings", "table_id", "title"} <= set(frame.columns):  # a table's reading warnings, said in Chinese
        frame = frame.with_columns(
            pl.struct("warnings", "table_id", "title", *(["page"] if "page" in frame.columns else []))
            .map_elements(_warnings_said, return_dtype=pl.List(pl.String))
            .alias("warnings")
        )
    return values_in_words(frame).with_columns(
        pl.col(column)
        .cast(pl.String)
        .str.replace(r"^(-?\d+\.\d\d\d*?)0+$", "${1}")
        .str.replace("-", MINUS, literal=True)
        .fill_null("—")
        for column in numbers
    )


# A check's sides and instances name the columns they compare by their measure keys ("basic + project", "... total",
# "[total]"); a public card or download says them in Chinese. Only whole ASCII words that are measure keys change.
_CHECK_WORDS = MEASURE_ZH | {"actual": "决算数"}
_MEASURE_WORD = re.compile(r"(?<![A-Za-z_.])(" + "|".join(map(re.escape, _CHECK_WORDS)) + r")(?![A-Za-z_.])")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TOTAL_TWICE = re.compile(r"(^| )合计 合计(?= |$)")
# the 合计 row's columns: 合计 人员经费 + 公用经费 → 合计行的人员经费 + 公用经费
_TOTAL_ROW = re.compile(r"^合计 (?=[^·\s])")


def check_words(text: str | None) -> str | None:
    """A check's side label or instance as the public reads it: its measure keys in Chinese (basic + project →
    基本支出 + 项目支出; 212 城乡社区支出 total → 212 城乡社区支出 合计; [total] → [合计])."""
    if text is None:
        return None
    # a table's 合计 row in its 合计 column read "合计 合计" (a label may begin with it: 洪山's 1-2.columns)
    words = _TOTAL_TWICE.sub(r"\1合计行的合计数", _MEASURE_WORD.sub(lambda word: _CHECK_WORDS[word.group(1)], text))
    return _TOTAL_ROW.sub("合计行的", words)


def note_words(note: str | None) -> str | None:
    """A check's note as the public reads it: a note written "中文 / English" gives its Chinese part; a note with no
    Chinese before its " / " is kept whole."""
    if note is None:
        return None
    chinese, separator, _ = note.partition(" / ")
    return chinese if separator and _CJK.search(chinese) else note
