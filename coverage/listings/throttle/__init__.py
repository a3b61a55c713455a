"""Throttling the public: who a client is (its address group, believed from our own proxy only) and how often it may act.

``addresses`` works out a client's address group from the connection and trusted proxies;
``clients`` turns it (and the browser session) into the keys that suggestions and confirmations
are counted against, with their limits and the flood rule. The counting itself is one locked
transaction in the store (``Store.admit``). Imported by the pages' client-identity edge and the
pages that take suggestions; imports nothing from the rest of ``coverage.listings``.
"""
