"""The coverage model: population, need, capacity and gaps per area, under named assumptions.

The bottom layer. It imports nothing else from ``coverage`` except ``paths``, so every number
can be computed and tested without the listings workflow, a store or a page.
"""
