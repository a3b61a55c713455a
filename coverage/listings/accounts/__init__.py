"""Reviewer accounts: named passwords (salted hashes, throttled sign-in) and organisation sign-in rights.

``auth`` hashes and checks passwords and throttles sign-in per client through the store's
throttling events; ``reviewers`` decides, from an identity token's claims, whether a person
signed in through their organisation may review, and for how long. Imported by the Review page
and by the command line (``hash-password``); built only on ``coverage.listings.store``.
"""
