"""Coverage engine for the Parent-Infant Coverage Atlas.

Pure Python (pandas, geopandas at build time only): every figure the dashboard shows is
computed here so that it can be unit-tested without a browser or a Streamlit runtime.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
