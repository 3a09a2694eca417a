"""The applications built on the engine: the command line, the fixer, baselines and the
evaluation against gold annotations."""
