"""The licence most of the atlas's public data is published under, and the statements it asks for.

The build writes the licence into the manifest beside each source, a data refresh beside each
newer vintage, and every export's caption names it when the manifest does: one spelling lets the
caption find it there by plain comparison. The attribution statements travel in the manifest
(Methods and data, every export's README) and open the footer of every page.
"""

from __future__ import annotations

OGL = "Open Government Licence v3.0"

# ONS asks for its statement word for word, its "v.3.0" included.
ONS_STATEMENT = "Source: Office for National Statistics licensed under the Open Government Licence v.3.0."
OS_STATEMENT = "Contains OS data © Crown copyright and database right 2024."
ATTRIBUTION = [
    ONS_STATEMENT,
    OS_STATEMENT,
    f"Contains Scottish Government data licensed under the {OGL}.",
    f"Contains data from the Department of Health (Northern Ireland) via OpenDataNI, licensed under the {OGL}.",
    f"Contains data from MHCLG, Welsh Government and NISRA deprivation indices, licensed under the {OGL}.",
]
