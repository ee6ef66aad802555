"""Curriculum-as-code: check a training programme written as YAML and Markdown, build its site."""

__version__ = "0.1.0"
