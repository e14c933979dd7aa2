"""What a number cell accepts: full-width digits, thousands separators; refusals with a reason."""

from __future__ import annotations

from decimal import Decimal

import pytest

from model.entry import cell_input
from model.entry.cell_input import InputState, NumberInputError


@pytest.mark.parametrize(
    ("typed", "value"),
    [("12", 12), ("１２", 12), (" 7 ", 7), ("1,234", 1234), ("１，２３４", 1234), ("0", 0), ("", None), ("　", None)],
)
def test_counts_accept_full_width_digits_and_separators(typed: str, value: int | None) -> None:
    assert cell_input.parse(typed, "count") == value


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("a", "只能填写数字，不能输入“a”"),
        ("1a", "只能填写数字，不能输入“a”"),
        ("-3", "不能为负数"),
        ("－3", "不能为负数"),
        ("1.5", "件数只能是整数，不能有小数"),
        ("三", "只能填写数字，不能输入“三”"),
    ],
)
def test_counts_refuse_letters_minus_and_decimals(typed: str, reason: str) -> None:
    assert cell_input.read(typed, "count").state is InputState.INVALID
    with pytest.raises(NumberInputError, match=reason):
        cell_input.parse(typed, "count")


def test_amounts_keep_decimals_exact() -> None:
    value = cell_input.parse("0.3456", "amount")
    assert value == Decimal("0.3456") and isinstance(value, Decimal)
    assert cell_input.parse("１２．５", "amount") == Decimal("12.5")
    assert cell_input.parse("1。25", "amount") == Decimal("1.25")  # Chinese full stop typed as the point
    assert cell_input.parse("1,234.5", "amount") == Decimal("1234.5")
    assert cell_input.show(Decimal("12.3400")) == "12.34"


def test_unfinished_input_is_intermediate_not_refused() -> None:
    assert cell_input.read("1,2", "count").state is InputState.INTERMEDIATE
    assert cell_input.read("3.", "amount").state is InputState.INTERMEDIATE
    with pytest.raises(NumberInputError, match="千位分隔符"):
        cell_input.parse("1,2", "count")
    assert cell_input.read("1.2.3", "amount").state is InputState.INVALID


def test_expected_names_the_unit() -> None:
    assert cell_input.expected("count") == "不小于 0 的整数（件）"
    assert "万元" in cell_input.expected("amount", "万元")
