ALTER TABLE "incidents" ADD COLUMN "perpetrators" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "sources" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "referrals" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "external_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_org_external_id_key" ON "incidents" USING btree ("organisation_id","external_id");--> statement-breakpoint
-- The free-text party becomes the first alleged perpetrator (category unknown); the column stays as the derived summary.
UPDATE "incidents" SET "perpetrators" = jsonb_build_array(jsonb_build_object('party', "perpetrator_party", 'category', 'unknown', 'number', null, 'inUniform', null, 'rank', null))
  WHERE "perpetrator_party" IS NOT NULL;--> statement-breakpoint
-- Versions keep the shape of a create: the same conversion in every kept snapshot, nothing else touched.
UPDATE "incident_versions" SET "restricted" = ("restricted" - 'perpetratorParty') || jsonb_build_object(
  'perpetrators', CASE WHEN coalesce("restricted"->>'perpetratorParty', '') = '' THEN '[]'::jsonb
    ELSE jsonb_build_array(jsonb_build_object('party', "restricted"->>'perpetratorParty', 'category', 'unknown', 'number', null, 'inUniform', null, 'rank', null)) END,
  'sources', '[]'::jsonb, 'referrals', '[]'::jsonb)
  WHERE NOT ("restricted" ? 'perpetrators');
