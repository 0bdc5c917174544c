"""State that lives in the URL, so a shared link opens the same view.

Each URL-backed widget goes through `choice` / `choices`: before the widget is drawn, a valid
`?key=value` from the URL becomes its value; after it is drawn, the URL is rewritten to match
(the default is left out, to keep links short). URLs carry codes (`?node=20601&measure=basic_wan`),
not display labels. An invalid value is ignored, and `notice_if_invalid` tells the reader so,
without echoing the value.

(Streamlit's own `bind="query-params"` puts the formatted labels in the URL and drops invalid
values silently, so it is not used here.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import streamlit as st


def _write(key: str, value: Any, default: Any) -> None:
    if value is None or value == default or value == []:
        st.query_params.pop(key, None)
    elif isinstance(value, list):
        st.query_params[key] = ",".join(value)
    else:
        st.query_params[key] = str(value)


def choice(
    widget: Callable[..., Any], label: str, options: Sequence[str], *, key: str, default: str, **kwargs: Any
) -> str:
    """A single-choice widget (selectbox, segmented_control, radio) whose value is `?key=`."""
    raw = st.query_params.get(key)
    if raw in options:
        st.session_state[key] = raw
    elif st.session_state.get(key) not in options:
        st.session_state[key] = default
    value = widget(label, list(options), key=key, **kwargs)
    _write(key, value, default)
    return value


def choices(widget: Callable[..., Any], label: str, options: Sequence[str], *, key: str, **kwargs: Any) -> list[str]:
    """A multi-choice widget (multiselect, pills) whose values are `?key=a,b`; invalid entries are dropped."""
    raw = _split(key)
    if raw is not None:
        st.session_state[key] = [value for value in raw if value in options]
    elif key not in st.session_state:
        st.session_state[key] = []
    values = widget(label, list(options), key=key, **kwargs)
    _write(key, list(values), [])
    return list(values)


def text(key: str) -> str | None:
    return st.query_params.get(key)


def _split(key: str) -> list[str] | None:
    values = st.query_params.get_all(key)
    if not values:
        return None
    return [part for value in values for part in value.split(",") if part]


def invalid_params(allowed: dict[str, Iterable[str]]) -> list[str]:
    """The query parameters among `allowed` with a value that is not one of the allowed ones."""
    bad = []
    for key, options in allowed.items():
        values = _split(key)
        if values and any(value not in set(options) for value in values):
            bad.append(key)
    return bad


def notice_if_invalid(allowed: dict[str, Iterable[str]]) -> None:
    bad = invalid_params(allowed)
    if bad:
        names = "、".join(f"“{key}”" for key in bad)
        st.info(f"链接中的参数 {names} 不是有效的选项，已显示默认视图。", icon=":material/info:")


def text_input(widget: Callable[..., Any], label: str, *, key: str, max_chars: int = 80, **kwargs: Any) -> str:
    """A text box whose value is `?key=` (cut to `max_chars`; an empty box leaves the URL)."""
    raw = st.query_params.get(key)
    if raw is not None:
        st.session_state[key] = raw[:max_chars]
    elif key not in st.session_state:
        st.session_state[key] = ""
    value = widget(label, key=key, max_chars=max_chars, **kwargs)
    _write(key, value.strip() or None, None)
    return value.strip()


def without(*keys: str) -> dict[str, str]:
    """The current query parameters minus some: for a link back to the list a detail view came from."""
    return {key: ",".join(st.query_params.get_all(key)) for key in st.query_params if key not in keys}
