#!/bin/sh
# One replica of the app: the command the container runs (Containerfile's CMD), and the one
# deploy/local.sh starts for each of its replicas. Streamlit reads its address and port from
# STREAMLIT_SERVER_ADDRESS and STREAMLIT_SERVER_PORT, and every setting of the app from COOPMAP_*
# (docs/operations.md); the file watcher is off, as a server's code does not change under it.
set -eu
cd "$(dirname "$0")/.."
exec python -m streamlit run app.py --server.headless true --server.fileWatcherType none
