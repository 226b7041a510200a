"""Querying: retrieval, answers and evaluation."""
