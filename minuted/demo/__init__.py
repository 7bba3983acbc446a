"""Demonstration data: the Improvement and Innovation Board of the example agenda pack."""
