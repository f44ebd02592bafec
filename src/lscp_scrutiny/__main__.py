"""``python -m lscp_scrutiny`` runs the command line."""

from lscp_scrutiny.cli import main

main()
