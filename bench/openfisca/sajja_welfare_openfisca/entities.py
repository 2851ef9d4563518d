"""The only entity: a member of the fund, one row per event being adjudicated."""

from openfisca_core.entities import build_entity

Member = build_entity(
    key="member",
    plural="members",
    label="A member of a community welfare fund, on the day of one event",
    is_person=True,
)

entities = [Member]
