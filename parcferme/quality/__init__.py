"""What analysts see: the HTML quality report, the run history, the data dictionary and the
DuckDB file of views over the warehouse. Pure functions; the flow decides when to call them."""
