"""Stage beside the pipeline: releases side by side, curriculum diffs and upstream reports."""
