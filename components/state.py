"""State that lives in the URL, so a shared link opens the same view.

Each URL-backed widget goes through `choice` / `choices`: before the widget is drawn, a valid
`?key=value` from the URL becomes its value when the URL is new to the widget (a link just opened, the
browser's Back or Forward, the widget not drawn on the previous run); a value the reader has just picked is
kept, since the URL still holds the previous pick. After the widget is drawn, the URL is rewritten to match
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

_URL_SEEN = "_url_seen"  # key -> the URL's value for it when the widget was last drawn


def _url_is_new(key: str, raw: Any) -> bool:
    """Whether the URL's value for `key` should set the widget: the widget is not drawn yet in this session
    (or was not drawn on the last run), or the URL changed since it was drawn."""
    seen = st.session_state.setdefault(_URL_SEEN, {})
    return key not in st.session_state or key not in seen or seen[key] != raw


def _url_dropped(key: str, raw: Any) -> bool:
    """The URL no longer holds a value it held when the widget was last drawn (the browser's Back)."""
    return raw is None and st.session_state.get(_URL_SEEN, {}).get(key) is not None


def _write(key: str, value: Any, default: Any) -> None:
    if value is None or value == default or value == []:
        st.query_params.pop(key, None)
    elif isinstance(value, list):
        st.query_params[key] = ",".join(value)
    else:
        st.query_params[key] = str(value)
    seen = st.session_state.setdefault(_URL_SEEN, {})
    seen[key] = _split(key) if isinstance(value, list) else st.query_params.get(key)


def choice(
    widget: Callable[..., Any],
    label: str,
    options: Sequence[str],
    *,
    key: str,
    default: str,
    link_keeps_default: bool = False,
    **kwargs: Any,
) -> str:
    """A single-choice widget (selectbox, segmented_control, radio) whose value is `?key=`.

    `link_keeps_default`: write the value even when it is the default, for a default that can change
    (the library's first document) so that a shared link keeps pointing at what it showed."""
    raw = st.query_params.get(key)
    if raw in options and _url_is_new(key, raw):
        current = raw
    elif _url_dropped(key, raw) or st.session_state.get(key) not in options:
        current = default
    else:
        current = st.session_state[key]
    # set through the API on every run: a widget of another page under the same key (other options, so another
    # widget) does not hand its value on, and would start empty (支出功能分类 → 经济分类 drew no measure)
    st.session_state[key] = current
    value = widget(label, list(options), key=key, **kwargs)
    _write(key, value, None if link_keeps_default else default)
    return value


def choices(widget: Callable[..., Any], label: str, options: Sequence[str], *, key: str, **kwargs: Any) -> list[str]:
    """A multi-choice widget (multiselect, pills) whose values are `?key=a,b`; invalid entries are dropped."""
    raw = _split(key)
    if raw is not None and _url_is_new(key, raw):
        current = raw
    elif _url_dropped(key, raw) or key not in st.session_state:
        current = []
    else:
        current = st.session_state[key]
    st.session_state[key] = [value for value in current if value in options]  # through the API, as in `choice`
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
    if raw is not None and _url_is_new(key, raw):
        current = raw[:max_chars]
    elif _url_dropped(key, raw) or key not in st.session_state:
        current = ""
    else:
        current = st.session_state[key]
    st.session_state[key] = current  # through the API, as in `choice` (项目 and 绩效指标 both draw `q`)
    value = widget(label, key=key, max_chars=max_chars, **kwargs)
    _write(key, value.strip() or None, None)
    return value.strip()


def forget(*keys: str) -> None:
    """Leave `keys` out of the link: values of a control this run does not draw."""
    for key in keys:
        st.query_params.pop(key, None)
        st.session_state.get(_URL_SEEN, {}).pop(key, None)


def without(*keys: str) -> dict[str, str]:
    """The current query parameters minus some: for a link back to the list a detail view came from."""
    return {key: ",".join(st.query_params.get_all(key)) for key in st.query_params if key not in keys}
