"""cswgen: a static-site generator for Customer Service Week microsites."""

__version__ = "0.1.0"
