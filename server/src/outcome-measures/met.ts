import type { MeasureDirection, MeasureReading } from '@tracker/shared';

/**
 * How many consecutive readings must reach the target before a measure counts as met. One
 * good month can be noise; holding the target is what shows the change has stuck.
 * A module constant until the configuration names it (MEASURE_MET_READINGS); the routes take
 * it as an option so that wiring is one line in app.ts.
 */
export const readingsToHoldTarget = 2;

export interface MeasureSettings {
  /** Consecutive readings that must reach the target; see `readingsToHoldTarget`. */
  readingsToHoldTarget: number;
}

export const defaultMeasureSettings: MeasureSettings = { readingsToHoldTarget };

export function reachesTarget(direction: MeasureDirection, value: number, target: number) {
  return direction === 'higher_is_better' ? value >= target : value <= target;
}

/**
 * Met: a target is set and the last `settings.readingsToHoldTarget` readings (oldest first, by
 * reading date and then as posted) all reach it. A later reading that misses unsets it.
 */
export function isMet(
  measure: { direction: MeasureDirection; targetValue: number | null },
  readings: readonly Pick<MeasureReading, 'value'>[],
  settings: MeasureSettings,
): boolean {
  const { targetValue } = measure;
  const needed = Math.max(1, settings.readingsToHoldTarget);
  if (targetValue === null || readings.length < needed) return false;
  return readings
    .slice(-needed)
    .every((reading) => reachesTarget(measure.direction, reading.value, targetValue));
}
