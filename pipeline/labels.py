"""The one list of statuses, precisions and sources that rules, stages and the database share."""

DEAL_STATUSES = ("signed", "negotiating", "delivered", "planned", "lost", "aid")
PRECISIONS = ("year", "month", "day")
PUBLISHED_SOURCES = ("meta", "text", "inferred")
DOC_STATUSES = ("ok", "failed")
PARTICIPANT_ROLES = ("supplier", "buyer", "either")
ORG_KINDS = ("government", "military", "company", "international", "research")
EVENTS = ("deal", "meeting")
# What a cue does to the trigger it governs (rules/cues.yaml).
CUE_EFFECTS = ("planned", "negotiating", "aid", "lost", "negation", "attribution", "aggregate", "fleet", "hypothetical", "idiom")
# What a preposition or a possessor tells about a country's part in a deal (rules/roles.yaml).
ROLES = ("supplier", "buyer", "counterpart", "agent")
# What a deal trigger is, beyond its status (rules/deal_triggers.yaml, key class).
TRIGGER_CLASSES = ("signing", "deciding", "transfer", "contest", "selecting", "getting")
# Classes of words the extractors use (rules/words.yaml).
WORD_CLASSES = ("determiner", "copula", "adjective_title", "org_head", "apposition_end", "person_pronoun",
                "subject_pronoun", "relative_pronoun", "office", "number", "scenery", "civil_aid", "conveyance", "escort", "fitting", "payload", "market", "locative", "carrier", "choosing", "competition", "future", "past",
                "deadline", "approximator", "price_link", "price_link_before", "event_link", "event_noun", "completion", "partial",
                "another_deal", "branch", "measure", "designation", "trade_total", "trade_total_plural", "deal_verb", "not_a_system", "year_span", "option", "option_taken", "added_to", "restatement",
                "open_start", "fiscal_year", "schedule", "comparison", "separately", "demonstrative", "earlier_link", "goal", "purpose", "proform", "definite", "title_link", "name_particle", "name_suffix", "remainder", "list_bullet", "delegation", "delegation_lead", "period_start", "running_total", "region_prefix", "used_goods", "counted_in_bulk", "munition_kind", "fresh_deal", "naming", "times_sign", "retiring", "generic_body", "additive", "time_relative", "portfolio", "list_lead", "leader_body", "possessive_pronoun",
                "goods_pronoun", "outlet_head", "one_each", "not_holder")
# What an anaphora phrase tells (rules/anaphora.yaml).
ANAPHORA_USES = ("continues", "includes", "value", "priced", "under", "part_of", "signing", "parties", "people",
                 "more_items")
# Where a sentence stands on its page (rules/zones.yaml); a sentence no zone rule claims is body.
ZONES = ("headline", "dateline", "byline", "caption", "body", "related", "navigation")
# The line shapes a zone rule may name (pipeline/stages/zones.py says what each is).
ZONE_SHAPES = ("headline", "dateline", "repeat", "menu", "end-list")
ZONE_WHERE = ("any", "top", "last")
# Zones whose sentences tell no event of their own: a caption repeats the lead, a related list names other
# stories. An event told only in captions stays where the body tells none like it (pipeline.stages.zones).
QUIET_ZONES = ("caption", "related", "navigation")
ECHO_ZONES = ("caption",)
# Zones whose sentences yield no mention at all: widget and menu text.
MUTE_ZONES = ("navigation",)
