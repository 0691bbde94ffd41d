"""armsledger: arms-export deals and defence-diplomacy meetings from news articles into SQL."""

__version__ = "0.1.0"
