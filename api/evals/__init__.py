"""Eval runs over HTTP: start a dataset in the background, then fetch its report."""
