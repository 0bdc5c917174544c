"""The document's structure: every schedule its contents list promises is present."""

from __future__ import annotations

from budgetlens.checks.model import Rule, Side, result

PROMISED = Rule(
    "structure.schedules",
    "structure",
    ("目录",),
    "目录中列出的每张表都在文件中出现",
    "Every schedule the contents list promises appears in the document",
)


def run(schedules: list[dict]) -> list[dict]:
    out = []
    for schedule in schedules:
        if not schedule["promised_in_contents"]:
            continue
        present = schedule["status"] == "present"
        label = f"附表{schedule['number']} {schedule['title']}"
        lines = [schedule["first_line"]] if schedule["first_line"] else []
        out.append(
            result(
                PROMISED,
                label,
                Side("目录", None, [schedule["contents_line"]], text="列出"),
                Side("正文", None, lines, text="出现" if present else "未出现"),
                unit="",
                status="pass" if present else "fail",
            )
        )
    return out


RULES = [PROMISED]
