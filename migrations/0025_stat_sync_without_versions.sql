-- The protected tier now publishes daily snapshots (stat_releases) instead of a release per data version:
-- the per-organisation version row every write locked (and could deadlock on) goes.
CREATE OR REPLACE FUNCTION stat_sync(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM stat_facts WHERE incident_id = ANY(ids);
  INSERT INTO stat_facts (organisation_id, incident_id, position, first, occurred, occurred_to, recorded, decided, form, status, late,
    decision_route, country, admin1, admin2, setting, parties, party_categories, source_orgs, consent_outside, created_by, assigned_to,
    count_unknown, i_women, i_girls, i_men, i_boys, i_unknown, v_women, v_girls, v_men, v_boys, v_unknown)
  SELECT i.organisation_id, i.id, coalesce(v.position, 0),
    -- first: the first violation of its track (CRSV or exploitation and abuse), where its incident is counted
    coalesce(v.position, 0) = coalesce((SELECT min(v2.position) FROM violations v2 WHERE v2.incident_id = i.id
      AND (v2.form = 'sea_un_humanitarian') = (coalesce(v.form, 'unspecified') = 'sea_un_humanitarian')), 0),
    i.occurred_from, i.occurred_to, (i.created_at AT TIME ZONE 'UTC')::date, (i.decided_at AT TIME ZONE 'UTC')::date,
    coalesce(v.form, 'unspecified'), i.verification_status,
    i.verification_status = 'verified' AND i.decided_at IS NOT NULL
      AND (i.decided_at AT TIME ZONE 'UTC')::date > (date_trunc('quarter', coalesce(i.occurred_to, i.occurred_from)) + interval '3 months' - interval '1 day')::date,
    i.decision_route, i.country, i.admin1, i.admin2, i.setting,
    p.parties, p.categories, s.orgs,
    NOT ('agency_only' = ANY(i.consent)) AND 'aggregate_statistics' = ANY(i.consent),
    i.created_by, i.assigned_to, i.victim_count_unknown,
    i.victims_women, i.victims_girls, i.victims_men, i.victims_boys, i.victims_unknown,
    coalesce(v.victims_women, 0), coalesce(v.victims_girls, 0), coalesce(v.victims_men, 0), coalesce(v.victims_boys, 0), coalesce(v.victims_unknown, 0)
  FROM incidents i
  LEFT JOIN violations v ON v.incident_id = i.id
  CROSS JOIN LATERAL (
    SELECT coalesce(array_agg(DISTINCT x.party ORDER BY x.party), ARRAY['not_recorded']) AS parties,
           coalesce(array_agg(DISTINCT x.category ORDER BY x.category), ARRAY['unknown']) AS categories
    FROM (
      SELECT CASE
               WHEN e->>'partyId' IS NOT NULL THEN e->>'partyId'
               WHEN e->>'partyChoice' IN ('unknown', 'unidentified_armed_men') THEN e->>'partyChoice'
               WHEN coalesce(trim(e->>'party'), '') <> '' THEN 'not_linked'
               ELSE 'unknown'
             END AS party,
             coalesce(e->>'category', 'unknown') AS category
      FROM jsonb_array_elements(i.perpetrators) e
    ) x
  ) p
  CROSS JOIN LATERAL (
    SELECT coalesce(array_agg(DISTINCT trim(e->>'organisation') ORDER BY trim(e->>'organisation')) FILTER (WHERE coalesce(trim(e->>'organisation'), '') <> ''), ARRAY[]::text[]) AS orgs
    FROM jsonb_array_elements(i.sources) e
  ) s
  WHERE i.id = ANY(ids) AND i.deleted_at IS NULL AND i.canonical_id IS NULL;
END $$;
--> statement-breakpoint
DROP TABLE "stat_versions" CASCADE;
