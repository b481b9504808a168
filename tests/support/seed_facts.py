"""The statements of the two seed pages as SPARQL: one pattern per fact, binding ``?fact``, with the
source document that states it and a fragment of the quoted sentence. Asked of the hand-written
graph (tests/data/test_seed_facts.py) and of the drafts of the same pages (tests/ingest/
test_seed_drafts.py)."""

from __future__ import annotations

ROMANIA = "https://w3id.org/diplokg/id/source/mfa-tj-romania"
NORWAY = "https://w3id.org/diplokg/id/source/mfa-tj-norway"

# name -> (SPARQL pattern binding ?fact, expected source document, fragment of the quoted sentence)
FACTS: dict[str, tuple[str, str, str]] = {
    "relations with Romania established 7 July 1992": ("""
        ?fact a dkg:DiplomaticRelation ; dkg:relationBetween id:state\\/TJK , id:state\\/ROU ; dkg:establishedBy ?e .
        ?e dkg:eventType vocab:event-type\\/establishment-of-relations ; dkg:date "1992-07-07"^^xsd:date .
    """, ROMANIA, "am 7 Juli 1992 aufgenommen"),
    "relations with Norway established 1992 (year only)": ("""
        ?fact a dkg:DiplomaticRelation ; dkg:relationBetween id:state\\/TJK , id:state\\/NOR ; dkg:establishedBy ?e .
        ?e dkg:date "1992"^^xsd:gYear ; dkg:earliestDate "1992-01-01"^^xsd:date ;
           dkg:latestDate "1992-12-31"^^xsd:date .
    """, NORWAY, "Königreich der Norwegen wurden 1992 aufgenommen"),
    "Romania's embassy resident in Astana, covering Tajikistan": ("""
        ?fact a dkg:DiplomaticMission ; dkg:sendingState id:state\\/ROU ; dkg:seat ?city ; dkg:covers id:state\\/TJK ;
              dkg:missionType vocab:mission-type\\/embassy .
        ?city rdfs:label "Astana"@en ; dkg:locatedIn id:state\\/KAZ .
    """, ROMANIA, "mit Residenz in Astana eröffnet"),
    "Madalina Lupu, Romania's ambassador to Tajikistan, non-resident in Astana": ("""
        ?fact a dkg:Tenure ; dkg:holder/rdfs:label "Madalina Lupu"@en ; dkg:ofPost ?post ;
              dkg:residence/rdfs:label "Astana"@en ; dkg:isResident false .
        ?post dkg:sendingState id:state\\/ROU ; dkg:receivingState id:state\\/TJK ;
              dkg:rank vocab:rank\\/ambassador-extraordinary-and-plenipotentiary .
    """, ROMANIA, "ist Frau Madalina Lupu"),
    "Idibek Kalandar, ambassador in Austria, resident in Vienna": ("""
        ?fact a dkg:Tenure ; dkg:holder id:person\\/idibek-kalandar ; dkg:ofPost/dkg:receivingState id:state\\/AUT ;
              dkg:residence/rdfs:label "Vienna"@en ; dkg:isResident true .
    """, ROMANIA, "in Österreich Herr Idibek Kalandar"),
    "Kalandar appointed to Romania on 18 September 2018 by decree of Emomali Rahmon, first holder": ("""
        ?fact a dkg:Tenure ; dkg:holder id:person\\/idibek-kalandar ; dkg:isFirstHolder true ;
              dkg:ofPost [ dkg:sendingState id:state\\/TJK ; dkg:receivingState id:state\\/ROU ] ;
              dkg:appointment ?a ; dkg:residence/rdfs:label "Vienna"@en ; dkg:isResident false .
        ?a dkg:date "2018-09-18"^^xsd:date ; dkg:act ?act .
        ?act dkg:actType vocab:act-type\\/presidential-decree ; dkg:issuedBy/rdfs:label "Emomali Rahmon"@en ;
             dkg:issuerTitleAsStated "Stifter des Friedens und der nationalen Einheit - Leader der Nation, Präsident der Republik Tadschikistan"@de .
    """, ROMANIA, "zum ersten Mal durch das Dekret"),  # noqa: E501
    "Kalandar's accreditations to Austria, Romania and Norway are concurrent, from Vienna": ("""
        ?fact a dkg:ConcurrentAccreditation ; dkg:holder id:person\\/idibek-kalandar ;
              dkg:residence/rdfs:label "Vienna"@en ;
              dkg:includesTenure [ dkg:ofPost/dkg:receivingState id:state\\/AUT ] ,
                                 [ dkg:ofPost/dkg:receivingState id:state\\/ROU ] ,
                                 [ dkg:ofPost/dkg:receivingState id:state\\/NOR ] .
    """, ROMANIA, "gleichzeitig als Außerordentlicher"),
    "Kalandar Idibek, ambassador to Norway, resident in Vienna (name order variant)": ("""
        ?fact a dkg:Tenure ; dkg:holder ?p ; dkg:ofPost/dkg:receivingState id:state\\/NOR ;
              dkg:residence/rdfs:label "Vienna"@en ; dkg:isResident false .
        ?p rdfs:label "Idibek Kalandar"@en ; skos:altLabel "Kalandar Idibek"@de .
    """, NORWAY, "ist Herr Kalandar Idibek"),
    "political consultations in Bucharest, April 2018": ("""
        ?fact a dkg:Event ; dkg:eventType vocab:event-type\\/political-consultations ;
              dkg:date "2018-04"^^xsd:gYearMonth ;
              dkg:place/rdfs:label "Bucharest"@en ; dkg:between id:state\\/TJK , id:state\\/ROU .
    """, ROMANIA, "die politischen Konsultationen zwischen der Republik Tadschikistan und Rumänien in Bukarest"),
    "Muzaffar Huseinzoda, deputy foreign minister, took part in the consultations": ("""
        ?e dkg:eventType vocab:event-type\\/political-consultations ; dkg:participation ?fact .
        ?fact dkg:agent/rdfs:label "Muzaffar Huseinzoda"@en ; dkg:titleAsStated "stellvertretenden Außenministers"@de ;
              dkg:onBehalfOf id:state\\/TJK .
    """, ROMANIA, "Herrn Muzaffar Huseinzoda"),
    "Dan Niculaescu, Romanian state secretary, took part in the consultations": ("""
        ?e dkg:eventType vocab:event-type\\/political-consultations ; dkg:participation ?fact .
        ?fact dkg:agent/rdfs:label "Dan Niculaescu"@en ; dkg:titleAsStated "rumänischen Staatssekretärs"@de ;
              dkg:onBehalfOf id:state\\/ROU .
    """, ROMANIA, "Herrn Dan Niculaescu"),
    "intended joint intergovernmental commission": ("""
        ?fact dkg:organizationType vocab:organization-type\\/intergovernmental-commission ;
              dkg:status vocab:status\\/intended ;
              rdfs:label "Gemeinsame Zwischenstaatliche Kommission für wirtschaftliche, handelspolitische und wissenschaftlich-technische Zusammenarbeit"@de .
    """, ROMANIA, "Einrichtung der Gemeinsamen Zwischenstaatlichen Kommission"),  # noqa: E501
    "possible agreement or action plan": ("""
        ?fact a dkg:Agreement ; dkg:status vocab:status\\/possible ;
              dkg:agreementType vocab:agreement-type\\/agreement , vocab:agreement-type\\/action-plan .
    """, ROMANIA, "ein Abkommen oder einen Aktionsplan zu entwickeln"),
    "conference of 15-16 April 2019 during Romania's EU Council presidency, with its title": ("""
        ?fact dkg:eventType vocab:event-type\\/conference ; dkg:startDate "2019-04-15"^^xsd:date ;
              dkg:endDate "2019-04-16"^^xsd:date ;
              dkg:title "Agenda 2030: Partnerschaft für nachhaltige Entwicklung"@de ;
              dkg:organizer/dkg:belongsToState id:state\\/ROU ;
              dkg:occasion "im Rahmen ihrer EU Ratspräsidentschaft"@de .
    """, ROMANIA, "hochrangige Konferenz über die neue Strategie der EU für Zentralasien"),
    "Tajik delegation led by foreign minister Sirojiddin Muhriddin": ("""
        ?e dkg:eventType vocab:event-type\\/conference ; dkg:participation ?fact .
        ?fact dkg:agent/rdfs:label "Sirojiddin Muhriddin"@en ; dkg:role vocab:role\\/head-of-delegation ;
              dkg:titleAsStated "Außenministers"@de ; dkg:onBehalfOf id:state\\/TJK .
    """, ROMANIA, "unter der Leitung des Außenministers Sirojiddin Muhriddin"),
    "Kalandar's address on climate change at the conference": ("""
        ?fact dkg:eventType vocab:event-type\\/speech ; dkg:subEventOf/dkg:eventType vocab:event-type\\/conference ;
              dkg:participation [ dkg:agent id:person\\/idibek-kalandar ; dkg:role vocab:role\\/speaker ] ;
              dkg:topic ?topic .
        FILTER(CONTAINS(?topic, "Gletschern"))
    """, ROMANIA, "über die Auswirkungen des Klimawandels"),
    "2 September 2020 decision on a friendship group with the Romanian Chamber of Deputies": ("""
        ?fact dkg:eventType vocab:event-type\\/parliamentary-friendship-group ; dkg:date "2020-09-02"^^xsd:date ;
              dkg:between ?mn , ?cd ; dkg:participation/dkg:agent/rdfs:label "Rat der Majlisi Namoyandagon"@de ;
              dkg:interpretation/dkg:interpretationKind vocab:interpretation-kind\\/garbled-sentence .
        ?mn rdfs:label "Majlisi Namoyandagon der Majlisi Oli der Republik Tadschikistan"@de .
        ?cd rdfs:label "Rumänische Abgeordnetenkammer"@de ; dkg:belongsToState id:state\\/ROU .
    """, ROMANIA, "Rumänische Abgeordnetenkammer getroffen hat"),
    "1999 visit of foreign minister Knut Vollebæk during Norway's OSCE chairmanship": ("""
        ?fact dkg:eventType vocab:event-type\\/visit ; dkg:date "1999"^^xsd:gYear ; dkg:place id:state\\/TJK ;
              dkg:participation [ dkg:agent/rdfs:label "Knut Vollebæk"@en ; dkg:onBehalfOf id:state\\/NOR ] ;
              dkg:occasion "während der norwegischen OSZE-Präsidentschaft"@de ;
              dkg:interpretation/dkg:interpretationKind vocab:interpretation-kind\\/merged-statement .
    """, NORWAY, "Knut Vollebæk Jan Petersen"),
    "2004 visit of foreign minister Jan Petersen": ("""
        ?fact dkg:eventType vocab:event-type\\/visit ; dkg:date "2004"^^xsd:gYear ; dkg:place id:state\\/TJK ;
              dkg:participation [ dkg:agent/rdfs:label "Jan Petersen"@en ;
                                  dkg:titleAsStated "damalige Norwegische Außenminister"@de ] .
    """, NORWAY, "bzw. 2004 besuchten"),
    "2012 visit of the Norwegian delegation to the OSCE Parliamentary Assembly": ("""
        ?fact dkg:eventType vocab:event-type\\/visit ; dkg:date "2012"^^xsd:gYear ; dkg:place id:state\\/TJK ;
              dkg:participation/dkg:agent ?d .
        ?d dkg:belongsToState id:state\\/NOR ; dkg:memberOf/rdfs:label "OSCE Parliamentary Assembly"@en .
    """, NORWAY, "Parlamentarischen Versammlung der OSZE"),
    "November 2012 working visit of Sherali Gul to Norway": ("""
        ?fact dkg:eventType vocab:event-type\\/working-visit ; dkg:date "2012-11"^^xsd:gYearMonth ;
              dkg:place id:state\\/NOR ;
              dkg:participation [ dkg:agent/rdfs:label "Sherali Gul"@en ;
                                  dkg:titleAsStated "damalige Minister für Energie und Industrie Tadschikistans"@de ] ;
              dkg:interpretation/dkg:interpretationKind vocab:interpretation-kind\\/garbled-sentence .
    """, NORWAY, "einen Arbeitsbesuch ab"),
    "6 August 2010 demining agreement with Norwegian People's Aid": ("""
        ?fact a dkg:Agreement ; dkg:party/rdfs:label "Norwegian People's Aid"@en ;
              dkg:party/dkg:belongsToState id:state\\/TJK ;
              dkg:signing/dkg:date "2010-08-06"^^xsd:date ;
              dkg:title "Abkommen zwischen der Regierung der Republik Tadschikistan und der Norwegian People's Aid über die humanitäre Zusammenarbeit im Bereich der Minenräumung"@de .
    """, NORWAY, "Am 6. August 2010"),  # noqa: E501
    "NOK 7 million (USD 1.06 million) for demining in 2010 under the agreement": ("""
        ?fact dkg:eventType vocab:event-type\\/financial-assistance ; dkg:date "2010"^^xsd:gYear ;
              dkg:provider id:state\\/NOR ; dkg:recipient id:state\\/TJK ;
              dkg:underAgreement/dkg:signing/dkg:date "2010-08-06"^^xsd:date ;
              dkg:amount ?nok , ?usd .
        ?nok schema:currency "NOK" ; schema:value ?v1 . FILTER(?v1 = 7000000)
        ?usd schema:currency "USD" ; schema:value ?v2 ; dkg:conversionOf ?nok . FILTER(?v2 = 1060000)
    """, NORWAY, "7 Millionen Kronen (1,06 Millionen US-Dollar)"),
    "assistance: OSCE Border Management Staff College in Dushanbe": ("""
        ?fact dkg:subEventOf/dkg:provider id:state\\/NOR ; dkg:channel/skos:exactMatch wd:Q81299 ;
              dkg:concerns [ dkg:locatedIn/rdfs:label "Dushanbe"@en ;
                             rdfs:label "OSCE Border Management Staff College"@en ] .
    """, NORWAY, "OSZE-Stabsakademie für Grenzmanagement in Duschanbe"),
    "assistance: OSCE programmes for SALW destruction": ("""
        ?fact dkg:subEventOf/dkg:provider id:state\\/NOR ; dkg:topic ?t . FILTER(CONTAINS(?t, "SALW"))
    """, NORWAY, "leichten Waffen (SALW)"),
    "assistance: disaster protection and management": ("""
        ?fact dkg:subEventOf/dkg:provider id:state\\/NOR ; dkg:topic "disaster protection and management"@en .
    """, NORWAY, "Katastrophenschutz und- Management"),
    "assistance: energy access and natural resources": ("""
        ?fact dkg:subEventOf/dkg:provider id:state\\/NOR ; dkg:topic ?t . FILTER(CONTAINS(?t, "Zugangs zu Energie"))
    """, NORWAY, "die effiziente Nutzung natürlicher Ressourcen"),
    "20 April 2015 meeting of Nizomiddin Zohidi with the Norwegian delegation": ("""
        ?fact dkg:eventType vocab:event-type\\/meeting ; dkg:date "2015-04-20"^^xsd:date ;
              dkg:participation [ dkg:agent/rdfs:label "Nizomiddin Zohidi"@en ;
                                  dkg:titleAsStated "stellvertretende Außenminister"@de ] ,
                                [ dkg:agent/rdfs:label "Ole Johan Bernoy"@en ;
                                  dkg:role vocab:role\\/head-of-delegation ] .
    """, NORWAY, "Am 20. April 2015 traf sich"),
    "topics of the 2015 meeting incl. Norway-funded projects and hydropower": ("""
        ?fact dkg:eventType vocab:event-type\\/meeting ; dkg:topic ?t1 , ?t2 .
        FILTER(CONTAINS(?t1, "finanzierten Projekte") && CONTAINS(?t2, "Wasserkraft"))
    """, NORWAY, "insbesondere im Bereich der Wasserkraft"),
    "Ole Johan Bernoy, Norway's ambassador to Tajikistan, resident in Astana": ("""
        ?fact a dkg:Tenure ; dkg:holder/rdfs:label "Ole Johan Bernoy"@en ;
              dkg:ofPost/dkg:receivingState id:state\\/TJK ;
              dkg:ofPost/dkg:sendingState id:state\\/NOR ; dkg:residence/rdfs:label "Astana"@en ; dkg:isResident false ;
              dkg:attestedOn "2015-04-20"^^xsd:date .
    """, NORWAY, "(mit Wohnsitz in Astana) Ole Johan Bernoy"),
    "Tajik-Norwegian joint venture Tajikhydro (also Tajhydro) operating in Tajikistan": ("""
        ?fact dkg:organizationType vocab:organization-type\\/joint-venture ; rdfs:label "Tajikhydro"@en ;
              skos:altLabel "Tajhydro"@en ;
              dkg:locatedIn id:state\\/TJK ;
              dkg:interpretation/dkg:interpretationKind vocab:interpretation-kind\\/spelling-variant .
    """, NORWAY, "tadschikisch-norwegisches Gemeinschaftsunternehmen"),
    "Tajikhydro founded on the joint declaration signed 27 April 2010": ("""
        ?fact dkg:eventType vocab:event-type\\/founding ; dkg:concerns/rdfs:label "Tajikhydro"@en ;
              dkg:underAgreement ?decl .
        ?decl dkg:agreementType vocab:agreement-type\\/joint-declaration ; dkg:signing/dkg:date "2010-04-27"^^xsd:date ;
              dkg:party/dkg:belongsToState id:state\\/NOR , id:state\\/TJK .
    """, NORWAY, "am 27. April 2010 unterzeichneten Gemeinsamen Erklärung"),
    "Tajikhydro is a member of the EBRD programme advising energy companies": ("""
        ?fact rdfs:label "Tajikhydro"@en ; dkg:memberOf ?prog .
        ?prog dkg:organizationType vocab:organization-type\\/programme ; dkg:operatedBy/skos:exactMatch wd:Q488981 .
    """, NORWAY, "Mitglied des Programms der Europäischen Bank"),
    "Tajikhydro works with the IFC and Norway's foreign ministry on small hydropower funding": ("""
        ?fact dkg:eventType vocab:event-type\\/cooperation ;
              dkg:participation/dkg:agent id:organization\\/tajikhydro ,
                                          id:organization\\/international-finance-corporation ,
                                          id:organization\\/ministry-of-foreign-affairs-NOR ;
              dkg:purpose ?p . FILTER(CONTAINS(?p, "Kleinwasserkraftsektors"))
    """, NORWAY, "Internationale Finanz-Corporation"),
    "the intergovernmental legal framework is being restored": ("""
        ?fact a dkg:LegalFramework ; dkg:frameworkOf/dkg:relationBetween id:state\\/NOR ;
              dkg:status vocab:status\\/being-restored .
    """, NORWAY, "im Wiederherstellungsprozess"),
}


def evidence_query(pattern: str) -> str:
    """The query of one fact: the pattern, with the source document and quote of its evidence."""
    return f"""
        SELECT DISTINCT ?fact ?doc ?quote WHERE {{
          {pattern}
          ?fact dkg:evidence ?ev . ?ev oa:hasSource ?doc ; oa:hasSelector/oa:exact ?quote .
        }}"""
