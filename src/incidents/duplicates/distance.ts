/**
 * Evidence from where the two records place the incident, when both carry coordinates. Coordinates are
 * identifying (sealed): the caller passes them only where they may be decrypted, and the evidence note says
 * how near in bands, never where. Pure.
 */
import type { EvidenceCode } from '../../shared/duplicates.ts';

/** How far a point may be from where things happened, by the precision the recorder gave it (km). */
const SLACK_KM: Readonly<Record<string, number>> = { exact: 0.2, approximate: 2, locality: 5 };
/** The most a distance can add: the scan decrypts only pairs that could cross the line with it. */
export const COORDINATE_MAX_POINTS = 2.5;

interface Point { lat: number; lon: number; precision: string }

/** Great-circle distance in km (haversine). */
export function distanceKm(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Points for the distance between the two places, allowing for their precision: within the slack of the
 * vaguer point, strong evidence; a few times it, some; far beyond it, evidence against. Points given as an
 * admin area's centre (precision admin1 or admin2) say nothing the areas do not already say: no evidence.
 */
export interface CoordinateEvidence { points: number; code: Extract<EvidenceCode, `coordinates_${string}`>; params: { km: number; to?: number }; note: string }

export function coordinateEvidence(a: Point | null | undefined, b: Point | null | undefined): CoordinateEvidence | null {
  if (!a || !b) return null;
  const sa = SLACK_KM[a.precision];
  const sb = SLACK_KM[b.precision];
  if (sa === undefined || sb === undefined) return null;
  const slack = Math.max(sa, sb);
  const d = distanceKm(a, b);
  const close = Math.ceil(slack + 1);
  const near = Math.ceil(3 * slack + 5);
  const far = Math.ceil(10 * slack + 25);
  if (d <= slack + 1) return { points: COORDINATE_MAX_POINTS, code: 'coordinates_within', params: { km: close }, note: `recorded within ${close} km of each other` };
  if (d <= 3 * slack + 5) return { points: 0.5, code: 'coordinates_within', params: { km: near }, note: `recorded within ${near} km of each other` };
  if (d <= 10 * slack + 25) return { points: 0, code: 'coordinates_between', params: { km: near, to: far }, note: `recorded ${near} to ${far} km apart` };
  return { points: -2.5, code: 'coordinates_beyond', params: { km: far }, note: `recorded more than ${far} km apart` };
}
