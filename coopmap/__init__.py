"""The reference map of Franco-Moroccan decentralised cooperation: the domain, with no UI.

Load and validate the curated pairings (`data`), place them (`gazetteer`, `geocode`), select
them (`filters`) and draw them (`mapview`). The Streamlit pages only call into this package.
"""
