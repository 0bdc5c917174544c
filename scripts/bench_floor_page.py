"""The floor's page (scripts/bench_floor_app.py): a title and one small chart."""

import plotly.graph_objects as go
import streamlit as st

st.title("floor")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2])), config={"displayModeBar": False})
