"""The area an invitation to suggest a new team names, as the new-team form fills it in.

Every area with no team counted offers "Know a team that serves AREA? Tell us" (#20), a link to
Check a listing with ``suggest_for=CODE``. The form then opens on Suggest a new team with the
area's nation, level and name filled in: a name, because the form takes names or codes and a
team member knows "Kent", not "E10000016". Regions and nations are not levels a team is listed
at, so for them only the nation is filled in and the intro names the area.
"""

from __future__ import annotations

from dataclasses import dataclass

from coverage.model.atlas import Atlas
from coverage.model.levels import LEVELS, NATIONS
from coverage.model.profile import find_level
from coverage.present.area_labels import area_label

FORM_LEVELS = tuple(LEVELS)[:3]  # the levels the new-team form offers: councils, districts, health areas


@dataclass(frozen=True)
class InvitedArea:
    code: str
    name: str
    level: str  # the form's level, or "" for a region or nation
    nation: str
    label: str  # "Kent (council)"

    @property
    def areas(self) -> str:
        """What goes in the form's "areas served" box: the area's name at a level the form offers."""
        return self.name if self.level else ""


def invited_area(atlas: Atlas, code: str) -> InvitedArea | None:
    """The area named by a valid ``suggest_for`` code (a council first where a code sits at two levels)."""
    level = "nation" if code in NATIONS else find_level(atlas, code) if code else None
    if level is None:
        return None
    row = atlas.areas[(atlas.areas["area_code"] == code) & (atlas.areas["level"] == level)].iloc[0]
    return InvitedArea(
        code=code,
        name=str(row["area_name"]),
        level=level if level in FORM_LEVELS else "",
        nation=str(row["nation"]),
        label=area_label(str(row["area_name"]), level),
    )


def index_of(options: list[str], invited: InvitedArea | None, field: str) -> int:
    """Where the invited area's nation or level sits among a select box's options (the first if absent)."""
    value = getattr(invited, field, "") if invited else ""
    return options.index(value) if value in options else 0
