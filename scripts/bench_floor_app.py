"""The floor for scripts/bench_pages.py: the app's own frame (page config, navigation, the sidebar's
document selector) around a page that draws one chart and nothing else."""

import sys
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from components.frame import document_selector


def one_chart() -> None:
    st.title("floor")
    st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2])), config={"displayModeBar": False})


st.set_page_config(page_title="floor", layout="wide")
navigation = st.navigation([st.Page(one_chart, title="floor", default=True)])
with st.sidebar:
    document_selector()
navigation.run()
