"""Query results written in the formats analysts open: CSV, JSON Lines, Parquet (pandas, Arrow) and
GraphML (Gephi, networkx). Rows come from ``query.tables``; this package only writes."""
