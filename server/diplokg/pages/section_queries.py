"""The SPARQL queries of the extra sections of state and person pages (see ``sections.py``).

One bounded SELECT per section (the accreditations query serves both directions). The entity is
bound to ``?entity`` through pyoxigraph substitutions, so ``?entity`` is projected and never used in
a subquery or BIND. Each query returns one row per fact × evidence sentence × label × multi-valued
detail; ``fact_tables.fold`` folds the rows into one table row per fact, which keeps the SPARQL plain
(no GROUP BY over a dozen columns)."""

from __future__ import annotations

from diplokg.core.namespaces import ONTOLOGY

STATE = ONTOLOGY + "State"
PERSON = ONTOLOGY + "Person"
XSD = "http://www.w3.org/2001/XMLSchema#"
PRECISION = {XSD + "date": "day", XSD + "gYearMonth": "month", XSD + "gYear": "year"}
ROW_LIMIT = 2000  # rows of one section query (rows, not facts: labels and evidence multiply them)

_PREFIXES = """PREFIX dkg: <https://w3id.org/diplokg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def _label(var: str, prop: str = "rdfs:label") -> str:
    return f'OPTIONAL {{ ?{var} {prop} ?{var}Label . FILTER(LANG(?{var}Label) = "en") }}'


def _dates(event: str) -> str:
    """The stated date (or span) of an event, its wording in the source and its normalised bounds."""
    return (f"OPTIONAL {{ ?{event} dkg:date ?{event}Date }} OPTIONAL {{ ?{event} dkg:startDate ?{event}Start }} "
            f"OPTIONAL {{ ?{event} dkg:endDate ?{event}End }} "
            f"OPTIONAL {{ ?{event} dkg:dateAsStated ?{event}AsStated }} "
            f"OPTIONAL {{ ?{event} dkg:earliestDate ?{event}Earliest }} "
            f"OPTIONAL {{ ?{event} dkg:latestDate ?{event}Latest }}")


def _date_vars(event: str) -> str:
    return " ".join(f"?{event}{s}" for s in ("Date", "Start", "End", "AsStated", "Earliest", "Latest"))


def _evidence(fact: str) -> str:
    """The quoted sentences (dkg:evidence → oa:exact) of a fact and their source documents."""
    return (f"OPTIONAL {{ ?{fact} dkg:evidence ?evidence . " + _label("evidence") + " "
            "OPTIONAL { ?evidence oa:hasSelector/oa:exact ?quote } "
            "OPTIONAL { ?evidence oa:hasSource ?doc . " + _label("doc") + " } }")


_EVIDENCE_VARS = "?evidence ?evidenceLabel ?quote ?doc ?docLabel"

#: Diplomatic relations of a state, with the establishing event's date (relations-of-a-state.rq).
RELATIONS = _PREFIXES + f"""SELECT DISTINCT ?entity ?relation ?relationLabel ?partner ?partnerLabel
       ?establishment ?establishmentLabel {_date_vars("establishment")} {_EVIDENCE_VARS}
WHERE {{
  ?relation a dkg:DiplomaticRelation ;
            dkg:relationBetween ?entity , ?partner .
  FILTER(?partner != ?entity)
  {_label("relation")}
  {_label("partner")}
  OPTIONAL {{
    ?relation dkg:establishedBy ?establishment .
    {_label("establishment")}
    {_dates("establishment")}
  }}
  {_evidence("relation")}
}}
ORDER BY (!BOUND(?establishmentEarliest)) ?establishmentEarliest ?establishmentLatest ?partner ?relation
LIMIT {ROW_LIMIT}"""

#: Missions sent by a state, seated in it, or responsible for it (dkg:covers).
MISSIONS = _PREFIXES + f"""SELECT DISTINCT ?entity ?mission ?missionLabel ?link ?missionType ?missionTypeLabel
       ?sending ?sendingLabel ?seat ?seatLabel ?seatState ?seatStateLabel ?covered ?coveredLabel {_EVIDENCE_VARS}
WHERE {{
  {{ ?mission dkg:sendingState ?entity . BIND("sent" AS ?link) }}
  UNION
  {{ ?mission (dkg:seat|dkg:locatedIn)/dkg:locatedIn? ?entity . BIND("seated" AS ?link) }}
  UNION
  {{ ?mission dkg:covers ?entity . BIND("covers" AS ?link) }}
  ?mission a dkg:DiplomaticMission .
  {_label("mission")}
  OPTIONAL {{ ?mission dkg:missionType ?missionType . {_label("missionType", "skos:prefLabel")} }}
  OPTIONAL {{ ?mission dkg:sendingState ?sending . {_label("sending")} }}
  OPTIONAL {{
    ?mission dkg:seat ?seat .
    {_label("seat")}
    OPTIONAL {{ ?seat dkg:locatedIn ?seatState . {_label("seatState")} }}
  }}
  OPTIONAL {{ ?mission dkg:covers ?covered . {_label("covered")} }}
  {_evidence("mission")}
}}
ORDER BY ?link ?mission
LIMIT {ROW_LIMIT}"""

# Post, tenure, holder, rank, residence, concurrent accreditation and the dated events of a tenure
# (heads-of-mission-on-date.rq, non-resident-accreditations.rq); ?post is bound by the caller.
_TENURES = f"""
  {_label("post")}
  OPTIONAL {{ ?post dkg:sendingState ?sending . {_label("sending")} }}
  OPTIONAL {{ ?post dkg:receivingState ?receiving . {_label("receiving")} }}
  OPTIONAL {{ ?post dkg:rank ?rank . {_label("rank", "skos:prefLabel")} }}
  OPTIONAL {{
    ?tenure dkg:ofPost ?post .
    {_label("tenure")}
    OPTIONAL {{ ?tenure dkg:holder ?holder . {_label("holder")} }}
    OPTIONAL {{ ?tenure dkg:rankAsStated ?rankAsStated }}
    OPTIONAL {{
      ?tenure dkg:residence ?residence .
      {_label("residence")}
      OPTIONAL {{ ?residence dkg:locatedIn ?residenceState . {_label("residenceState")} }}
    }}
    OPTIONAL {{ ?tenure dkg:isResident ?isResident }}
    OPTIONAL {{ ?tenure dkg:isFirstHolder ?isFirstHolder }}
    OPTIONAL {{ ?tenure dkg:attestedOn ?attestedOn }}
    OPTIONAL {{ {{ ?tenure dkg:concurrentAccreditation ?group }} UNION {{ ?group dkg:includesTenure ?tenure }}
               {_label("group")} }}
    OPTIONAL {{ ?tenure dkg:appointment ?appointment . {_dates("appointment")} }}
    OPTIONAL {{ ?tenure dkg:credentialsPresentation ?credentials . {_dates("credentials")} }}
    OPTIONAL {{ ?tenure dkg:termination ?termination . {_dates("termination")} }}
  }}
  BIND(COALESCE(?tenure, ?post) AS ?fact)
  {_evidence("fact")}"""

_TENURE_VARS = (f"""?post ?postLabel ?sending ?sendingLabel ?receiving ?receivingLabel ?rank ?rankLabel
       ?tenure ?tenureLabel ?holder ?holderLabel ?rankAsStated ?residence ?residenceLabel
       ?residenceState ?residenceStateLabel ?isResident ?isFirstHolder ?attestedOn ?group ?groupLabel
       ?appointment {_date_vars("appointment")} ?credentials {_date_vars("credentials")}
       ?termination {_date_vars("termination")} ?fact {_EVIDENCE_VARS}""")

#: Head-of-mission posts a state sends ("out") and receives ("in"), with their tenures.
ACCREDITATIONS = _PREFIXES + f"""SELECT DISTINCT ?entity ?direction {_TENURE_VARS}
WHERE {{
  {{ ?post dkg:sendingState ?entity . BIND("out" AS ?direction) }}
  UNION
  {{ ?post dkg:receivingState ?entity . BIND("in" AS ?direction) }}
  ?post a dkg:HeadOfMissionPost .{_TENURES}
}}
ORDER BY ?direction ?post ?tenure
LIMIT {ROW_LIMIT}"""

#: The tenures a person holds (dkg:holder of a tenure of a post).
POSTS = _PREFIXES + f"""SELECT DISTINCT ?entity {_TENURE_VARS}
WHERE {{
  ?tenure dkg:holder ?entity ;
          dkg:ofPost ?post .{_TENURES}
}}
ORDER BY ?post ?tenure
LIMIT {ROW_LIMIT}"""

# How an event involves a state: the paths of bilateral-timeline.rq (directly, or through an
# agent, organisation, mission, agreement, post or relation of the state; parts of an event inherit).
_INVOLVES = """{ ?event dkg:subEventOf?/(dkg:between|dkg:provider|dkg:recipient|dkg:organizer
                             |dkg:participation/dkg:agent|dkg:participation/dkg:onBehalfOf
                             |dkg:concerns|^dkg:signing|dkg:underAgreement|^dkg:establishedBy
                             |^dkg:appointment/dkg:ofPost|^dkg:credentialsPresentation/dkg:ofPost
                             |^dkg:termination/dkg:ofPost)
           /dkg:party?
           /(dkg:belongsToState|dkg:locatedIn|dkg:sendingState|dkg:receivingState|dkg:covers
             |dkg:relationBetween)? ?entity }
  UNION
  { ?event dkg:subEventOf?/dkg:place ?entity }"""

#: Events involving a state, with their types and dates.
TIMELINE = _PREFIXES + f"""SELECT DISTINCT ?entity ?event ?eventLabel ?type ?typeLabel
       {_date_vars("event")} {_EVIDENCE_VARS}
WHERE {{
  ?event a dkg:Event .
  {_INVOLVES}
  {_label("event")}
  OPTIONAL {{ ?event dkg:eventType ?type . {_label("type", "skos:prefLabel")} }}
  {_dates("event")}
  {_evidence("event")}
}}
ORDER BY (!BOUND(?eventEarliest)) ?eventEarliest ?eventLatest ?event
LIMIT {ROW_LIMIT}"""

#: A person's participations in events (event-participants.rq).
PARTICIPATIONS = _PREFIXES + f"""SELECT DISTINCT ?entity ?participation ?participationLabel ?event ?eventLabel
       ?role ?roleLabel ?titleAsStated ?onBehalfOf ?onBehalfOfLabel {_date_vars("event")} {_EVIDENCE_VARS}
WHERE {{
  ?participation dkg:agent ?entity .
  ?event dkg:participation ?participation .
  {_label("participation")}
  {_label("event")}
  OPTIONAL {{ ?participation dkg:role ?role . {_label("role", "skos:prefLabel")} }}
  OPTIONAL {{ ?participation dkg:titleAsStated ?titleAsStated }}
  OPTIONAL {{ ?participation dkg:onBehalfOf ?onBehalfOf . {_label("onBehalfOf")} }}
  {_dates("event")}
  {_evidence("participation")}
}}
ORDER BY (!BOUND(?eventEarliest)) ?eventEarliest ?eventLatest ?event ?participation
LIMIT {ROW_LIMIT}"""
