import type { MeasureDirection, MeasureReading } from '@tracker/shared';

/**
 * How long the target must hold before a measure counts as met: one good month can be noise;
 * holding the target for a period is what shows the change has stuck (MEASURE_MET_MONTHS).
 */
export const monthsToHoldTarget = 3;

export interface MeasureSettings {
  /** Months from the first reading of an unbroken run reaching the target to its latest. */
  monthsToHoldTarget: number;
}

export const defaultMeasureSettings: MeasureSettings = { monthsToHoldTarget };

export function reachesTarget(direction: MeasureDirection, value: number, target: number) {
  return direction === 'higher_is_better' ? value >= target : value <= target;
}

type Reading = Pick<MeasureReading, 'value' | 'readingDate'>;

/**
 * The reading date from which the target has held without a miss up to the latest reading
 * (readings oldest first, by reading date and then as posted); null when the latest misses it
 * or no target is set.
 */
export function targetHeldSince(
  measure: { direction: MeasureDirection; targetValue: number | null },
  readings: readonly Reading[],
): string | null {
  const { targetValue } = measure;
  if (targetValue === null) return null;
  let since: string | null = null;
  for (let index = readings.length - 1; index >= 0; index -= 1) {
    const reading = readings[index]!;
    if (!reachesTarget(measure.direction, reading.value, targetValue)) break;
    since = reading.readingDate;
  }
  return since;
}

/** The calendar date `months` months after a YYYY-MM-DD date (the 31st to the month's end). */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * Met: a target is set and every reading from some date on reaches it, those readings spanning
 * at least `settings.monthsToHoldTarget` months up to the latest. A later miss unsets it.
 */
export function isMet(
  measure: { direction: MeasureDirection; targetValue: number | null },
  readings: readonly Reading[],
  settings: MeasureSettings,
): boolean {
  const since = targetHeldSince(measure, readings);
  const latest = readings.at(-1);
  if (since === null || !latest) return false;
  return addMonths(since, settings.monthsToHoldTarget) <= latest.readingDate;
}
