"""UI building blocks: `data` (cached snapshot access), `figures` (frame -> plotly Figure, no st),
`ui` (st.* helpers: KPI rows, tables, downloads, source lines), `state` (URL)."""
