"""scripts/reproduce.py's pieces: the plan of training cells (plan), running
and caching them (runner), the tables and claims computed from their
results (analysis, claims), plots (plots) and the report (report). The
paper's own numbers are in paper."""
