"""The table models of the grids, tested without a view: shape, labels, spans, flags, edits, findings."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from gui.document import DraftDocument
from gui.tables.models import (
    FINDING_ROLES,
    SEVERITY_ROLE,
    VALUE_ROLES,
    ApplicationsModel,
    CasesModel,
    HeaderCell,
    ProactiveModel,
    Span,
)
from model import format as fmt
from model.draft import Draft
from model.findings import Cell, Severity

pytest_plugins = ["gui_support"]

D = Qt.ItemDataRole.DisplayRole
EDITABLE = Qt.ItemFlag.ItemIsEditable


def app_cell(row: str, column: str) -> Cell:
    return Cell("applications", row, column)


@pytest.fixture
def document(app, sample_draft: Draft) -> DraftDocument:
    return DraftDocument(sample_draft)


def test_applications_shape_and_official_labels(document: DraftDocument) -> None:
    model = ApplicationsModel(document)
    assert (model.rowCount(), model.columnCount()) == (25, 10)
    headers = [model.headerData(c, Qt.Orientation.Horizontal, D) for c in range(3, 10)]
    assert headers == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert model.headerData(0, Qt.Orientation.Vertical, D) == "一、本年新收政府信息公开申请数量"
    assert model.headerData(4, Qt.Orientation.Vertical, D) == "（三）不予公开 1.属于国家秘密"
    assert model.data(model.index(4, 0), D) == "三、本年度办理结果"
    assert model.data(model.index(4, 1), D) == "（三）不予公开"
    assert model.data(model.index(4, 2), D) == "1.属于国家秘密"
    assert model.data(model.index(24, 0), D) == "四、结转下年度继续办理"


def test_applications_header_is_the_official_three_rows(document: DraftDocument) -> None:
    cells = ApplicationsModel(document).header_cells()
    assert HeaderCell(0, 0, 3, 3, fmt.APPLICATIONS_CORNER) in cells
    assert HeaderCell(0, 3, 1, 7, "申请人情况") in cells
    assert HeaderCell(1, 3, 2, 1, "自然人") in cells
    assert HeaderCell(1, 4, 1, 5, "法人或其他组织") in cells
    assert HeaderCell(1, 9, 2, 1, "总计") in cells
    assert [c.text for c in cells if c.row == 2] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]


def test_applications_label_spans_follow_the_official_table(document: DraftDocument) -> None:
    spans = ApplicationsModel(document).spans()
    assert Span(2, 0, 22, 1) in spans  # 三、本年度办理结果 over （一）…（七）总计
    assert Span(4, 1, 8, 1) in spans  # （三）不予公开 1–8
    assert Span(12, 1, 3, 1) in spans  # （四）无法提供 1–3
    assert Span(15, 1, 5, 1) in spans  # （五）不予处理 1–5
    assert Span(20, 1, 3, 1) in spans  # （六）其他处理 1–3
    for row in (0, 1, 24):  # 一、二、四 across the three label columns
        assert Span(row, 0, 1, 3) in spans
    for row in (2, 3, 23):  # （一）（二）（七）总计 across B–C
        assert Span(row, 1, 1, 2) in spans
    assert len(spans) == 11


def test_only_applicant_cells_are_editable(document: DraftDocument) -> None:
    model = ApplicationsModel(document)
    assert not model.flags(model.index(0, 0)) & EDITABLE  # a label
    assert model.flags(model.index(0, 3)) & EDITABLE  # 一 自然人
    assert not model.flags(model.index(0, 9)) & EDITABLE  # 总计 column
    assert not model.flags(model.index(23, 3)) & EDITABLE  # （七）总计 row
    assert len(model.editable_positions()) == 24 * 6  # 25 rows less （七）总计, 7 columns less 总计
    assert model.editable_positions()[:7] == [(0, 3), (0, 4), (0, 5), (0, 6), (0, 7), (0, 8), (1, 3)]


def test_set_data_recomputes_totals_and_signals_value_roles(document: DraftDocument) -> None:
    model = ApplicationsModel(document)
    changes: list[list[int]] = []
    model.dataChanged.connect(lambda _tl, _br, roles: changes.append(list(roles)))
    assert model.setData(model.index_of(app_cell("disclosed", "natural_person")), "4")
    assert model.setData(model.index_of(app_cell("disclosed", "commercial")), "２")
    assert model.data(model.index_of(app_cell("disclosed", "total")), D) == "6"
    assert model.data(model.index_of(app_cell("total_handled", "natural_person")), D) == "4"
    assert model.data(model.index_of(app_cell("total_handled", "total")), D) == "6"
    assert document.draft.applications["disclosed"]["commercial"] == 2
    assert VALUE_ROLES in changes
    assert FINDING_ROLES in changes  # S1 now fails: the cells' colours change too


def test_computed_cells_refuse_data(document: DraftDocument) -> None:
    model = ApplicationsModel(document)
    assert not model.setData(model.index_of(app_cell("total_handled", "natural_person")), "9")
    assert not model.setData(model.index_of(app_cell("new_received", "total")), "9")
    assert document.draft.applications["total_handled"]["natural_person"] == 0


def test_bad_text_is_refused_with_a_message_naming_the_cell(document: DraftDocument) -> None:
    model = ApplicationsModel(document)
    messages: list[str] = []
    model.input_refused.connect(lambda _index, text: messages.append(text))
    assert not model.setData(model.index_of(app_cell("new_received", "research")), "x1")
    assert not model.setData(model.index_of(app_cell("new_received", "research")), "2.5")
    assert document.draft.applications["new_received"]["research"] == 0
    assert messages[0].startswith("「一、本年新收政府信息公开申请数量 · 科研机构」只能填写数字，不能输入“x”")
    assert "不能有小数" in messages[1]


def test_s1_cells_carry_the_error_severity(document: DraftDocument) -> None:
    model = ApplicationsModel(document)
    model.setData(model.index_of(app_cell("new_received", "natural_person")), "5")
    rows = ("new_received", "carried_over", "total_handled", "carried_forward")
    involved = [app_cell(r, "natural_person") for r in rows]
    for cell in involved:
        assert model.data(model.index_of(cell), SEVERITY_ROLE) is Severity.ERROR
        assert model.data(model.index_of(cell), Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(model.index_of(app_cell("disclosed", "natural_person")), SEVERITY_ROLE) is None
    assert model.data(model.index_of(app_cell("new_received", "commercial")), SEVERITY_ROLE) is None
    model.setData(model.index_of(app_cell("carried_forward", "natural_person")), "5")
    assert all(model.data(model.index_of(c), SEVERITY_ROLE) is None for c in involved)


def test_cases_model_three_groups_and_computed_totals(document: DraftDocument) -> None:
    model = CasesModel(document)
    assert (model.rowCount(), model.columnCount()) == (1, 15)
    assert model.headerData(0, Qt.Orientation.Horizontal, D) == "行政复议 结果维持"
    assert model.headerData(14, Qt.Orientation.Horizontal, D) == "复议后起诉 总计"
    cells = model.header_cells()
    assert HeaderCell(0, 0, 1, 5, "行政复议") in cells and HeaderCell(0, 5, 1, 10, "行政诉讼") in cells
    assert HeaderCell(1, 0, 2, 1, "结果维持") in cells and HeaderCell(1, 5, 1, 5, "未经复议直接起诉") in cells
    assert HeaderCell(2, 14, 1, 1, "总计") in cells
    assert model.setData(model.index(0, 5), "2") and model.setData(model.index(0, 8), "1")
    assert model.data(model.index(0, 9), D) == "3"
    assert not model.flags(model.index(0, 9)) & EDITABLE
    assert document.draft.cases["litigation_direct"]["total"] == 3


def test_proactive_model_is_laid_out_as_printed(document: DraftDocument) -> None:
    model = ProactiveModel(document)
    assert (model.rowCount(), model.columnCount()) == (14, 4)
    labels = [model.data(model.index(r, 0), D) for r in range(14)]
    assert labels[:4] == ["第二十条第（一）项", "信息内容", "规章", "行政规范性文件"]
    assert labels[11:] == ["第二十条第（八）项", "信息内容", "行政事业性收费"]
    assert [model.data(model.index(1, c), D) for c in range(1, 4)] == ["本年制发件数", "本年废止件数", "现行有效件数"]
    assert model.data(model.index(12, 1), D) == "本年收费金额（单位：万元）"
    assert Span(0, 0, 1, 4) in model.spans() and Span(13, 1, 1, 3) in model.spans()


def test_proactive_amount_in_wan_yuan_keeps_decimals(document: DraftDocument) -> None:
    model = ProactiveModel(document)
    fee = model.index_of(Cell("proactive", "admin_fees", "amount"))
    assert model.setData(fee, "0.3456")
    assert document.draft.proactive["admin_fees"]["amount"] == Decimal("0.3456")
    assert model.data(fee, D) == "0.3456"
    count = model.index_of(Cell("proactive", "licensing", "decisions"))
    assert not model.setData(count, "0.5")
    assert model.setData(count, "１２")
    assert document.draft.proactive["licensing"]["decisions"] == 12


def test_models_follow_undo_and_a_new_draft(document: DraftDocument) -> None:
    model = ApplicationsModel(document)
    index = model.index_of(app_cell("disclosed", "natural_person"))
    model.setData(index, "7")
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    document.undo_stack.undo()
    assert model.data(index, D) == "0"
    document.replace(Draft(), None)
    assert resets and model.data(index, D) == ""


def test_several_changes_are_one_undo_step_or_none(document: DraftDocument) -> None:
    changes = [(app_cell("disclosed", "natural_person"), 2), (app_cell("disclosed", "commercial"), 1)]
    assert document.set_values(changes, "粘贴 2 格") == 2
    assert document.draft.applications["disclosed"]["total"] == 3
    assert document.undo_stack.count() == 1 and document.undo_stack.undoText() == "粘贴 2 格"
    with pytest.raises(ValueError, match="自动计算"):
        document.set_values([(app_cell("disclosed", "research"), 5), (app_cell("disclosed", "total"), 9)], "粘贴")
    assert document.draft.applications["disclosed"]["research"] == 0  # nothing half-applied
    document.undo_stack.undo()
    assert document.draft.applications["disclosed"]["total"] == 0
