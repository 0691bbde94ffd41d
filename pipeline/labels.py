"""The one list of statuses, precisions and sources that rules, stages and the database share."""

DEAL_STATUSES = ("signed", "negotiating", "delivered", "planned", "lost", "aid")
PRECISIONS = ("year", "month", "day")
PUBLISHED_SOURCES = ("meta", "text", "inferred")
DOC_STATUSES = ("ok", "failed")
PARTICIPANT_ROLES = ("supplier", "buyer", "either")
ORG_KINDS = ("government", "military", "company", "international", "research")
EVENTS = ("deal", "meeting")
# What a cue does to the trigger it governs (rules/cues.yaml).
CUE_EFFECTS = ("planned", "negotiating", "aid", "lost", "negation", "attribution", "aggregate", "fleet")
# What a preposition or a possessor tells about a country's part in a deal (rules/roles.yaml).
ROLES = ("supplier", "buyer", "counterpart", "agent")
