"""gongkai — 政府信息公开平台."""

__version__ = "0.1.0"
