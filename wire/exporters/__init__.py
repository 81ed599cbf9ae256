"""Exporters: turning our stories into interchange formats."""
