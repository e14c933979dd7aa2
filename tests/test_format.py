"""The format definition: the official labels and grids it holds, and that the model never loads Qt."""

from __future__ import annotations

from model import format as fmt


def test_six_headings_are_the_official_ones() -> None:
    assert [s.heading for s in fmt.SECTIONS] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]


def test_application_table_has_25_data_rows_and_7_columns() -> None:
    assert len(fmt.APPLICATION_ROWS) == 25
    assert len(fmt.OUTCOME_ROWS) == 21  # （一）（二）, 8 + 3 + 5 + 3 numbered
    assert [c.label for c in fmt.APPLICANT_COLUMNS] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    assert fmt.APPLICATION_HEADER_ROWS + len(fmt.APPLICATION_ROWS) == 28


def test_row_keys_are_unique_and_labels_official() -> None:
    keys = [r.key for r in fmt.APPLICATION_ROWS]
    assert len(set(keys)) == len(keys)
    assert fmt.APPLICATION_ROW_BY_KEY["withheld_three_safeties"].label == "3.危及“三安全一稳定”"
    assert fmt.APPLICATION_ROW_BY_KEY["total_handled"].full_label == "（七）总计"


def test_proactive_blocks_spell_repeal_correctly() -> None:
    labels = [c.label for c in fmt.PROACTIVE_BLOCKS[0].columns]
    assert labels == ["本年制发件数", "本年废止件数", "现行有效件数"]
    assert len(fmt.proactive_cells()) == 10


def test_township_names() -> None:
    assert fmt.is_township("米易县草场镇人民政府")
    assert fmt.is_township("某某街道办事处")
    assert not fmt.is_township("淮安市人民政府")


def test_fee_sentence() -> None:
    from decimal import Decimal

    assert fmt.fee_sentence(None, Decimal("0"), 0) == fmt.NO_FEE_SENTENCE
    sentence = fmt.fee_sentence(1, Decimal("50.00"), None)
    assert sentence == "本年度发出信息处理费收费通知1件，通知金额50元，实际收取金额0元。"
