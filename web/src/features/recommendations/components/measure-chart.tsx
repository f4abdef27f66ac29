import type { OutcomeMeasure } from '@tracker/shared';
import { useId } from 'react';

import { formatDate } from '../../../lib/dates';
import { formatValue } from '../../../lib/format';

const width = 560;
const height = 240;
const pad = { top: 16, right: 200, bottom: 40, left: 56 };

function dayNumber(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
}

/**
 * Readings against the baseline and the target, as a small SVG chart. Colour is never the only
 * difference: the baseline is a dashed line, the target a dotted one, each labelled in words,
 * and the readings are marked points. The chart names itself and says what it shows in words
 * (`<title>`, `<desc>`); the table of readings beside it holds the same figures.
 */
export function MeasureChart({ measure }: { measure: OutcomeMeasure }) {
  const titleId = useId();
  const descId = useId();
  const { baseline, target, readings, unit } = measure;

  const dates = [
    ...(baseline.date ? [baseline.date] : []),
    ...readings.map((reading) => reading.readingDate),
    ...(target?.date ? [target.date] : []),
  ];
  const values = [
    baseline.value,
    ...readings.map((r) => r.value),
    ...(target ? [target.value] : []),
  ];
  // The axis starts at zero (or below, for negative figures) and ends on a round number.
  const low = Math.min(0, ...values);
  const top = Math.max(...values, low + 1);
  const step = top - low <= 10 ? 2 : top - low <= 50 ? 10 : top - low <= 200 ? 20 : 100;
  const high = Math.ceil((top + (top - low) * 0.1) / step) * step;

  const firstDay = dates.length > 0 ? Math.min(...dates.map(dayNumber)) : 0;
  const lastDay = dates.length > 0 ? Math.max(...dates.map(dayNumber)) : 1;
  const daySpan = lastDay - firstDay || 1;
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const x = (iso: string) => pad.left + ((dayNumber(iso) - firstDay) / daySpan) * plotWidth;
  const y = (value: number) => pad.top + (1 - (value - low) / (high - low)) * plotHeight;

  const points = readings.map((reading) => ({ x: x(reading.readingDate), y: y(reading.value) }));
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`);
  const latest = measure.latestReading;
  const description = [
    `Baseline ${formatValue(baseline.value, unit)} (${baseline.period}).`,
    target
      ? `Target ${formatValue(target.value, unit)}${target.date ? ` by ${formatDate(target.date)}` : ''}.`
      : 'No target set.',
    readings.length === 0
      ? 'No readings yet.'
      : `${readings.length} readings; the latest is ${formatValue(latest?.value ?? 0, unit)} on ${formatDate(latest?.readingDate ?? '')}.`,
    measure.met ? 'The target is met.' : '',
  ]
    .filter(Boolean)
    .join(' ');

  const ticks = [low, (low + high) / 2, high];
  const earliest = dates.length > 0 ? dates.reduce((a, b) => (a < b ? a : b)) : null;
  const latestDate = dates.length > 0 ? dates.reduce((a, b) => (a > b ? a : b)) : null;
  return (
    <svg
      className="app-measure-chart"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      focusable="false"
    >
      <title id={titleId}>{`${measure.name}: readings against baseline and target`}</title>
      <desc id={descId}>{description}</desc>
      {ticks.map((tick) => (
        <g key={tick}>
          <line
            className="app-measure-chart__grid"
            x1={pad.left}
            x2={pad.left + plotWidth}
            y1={y(tick)}
            y2={y(tick)}
          />
          <text
            className="app-measure-chart__axis"
            x={pad.left - 6}
            y={y(tick) + 4}
            textAnchor="end"
          >
            {Math.round(tick * 10) / 10}
          </text>
        </g>
      ))}
      <line
        className="app-measure-chart__baseline"
        x1={pad.left}
        x2={pad.left + plotWidth}
        y1={y(baseline.value)}
        y2={y(baseline.value)}
      />
      <text
        className="app-measure-chart__label"
        x={pad.left + plotWidth + 6}
        y={y(baseline.value) + 4}
      >
        {`Baseline ${formatValue(baseline.value, unit)}`}
      </text>
      {target ? (
        <>
          <line
            className="app-measure-chart__target"
            x1={pad.left}
            x2={pad.left + plotWidth}
            y1={y(target.value)}
            y2={y(target.value)}
          />
          <text
            className="app-measure-chart__label"
            x={pad.left + plotWidth + 6}
            y={y(target.value) + 4}
          >
            {`Target ${formatValue(target.value, unit)}`}
          </text>
        </>
      ) : null}
      {path.length > 1 ? <path className="app-measure-chart__line" d={path.join(' ')} /> : null}
      {points.map((point, index) => (
        <circle
          key={readings[index]?.id ?? index}
          className="app-measure-chart__point"
          cx={point.x}
          cy={point.y}
          r={5}
        />
      ))}
      {earliest ? (
        <text className="app-measure-chart__axis" x={pad.left} y={height - 12}>
          {formatDate(earliest)}
        </text>
      ) : null}
      {latestDate && latestDate !== earliest ? (
        <text
          className="app-measure-chart__axis"
          x={pad.left + plotWidth}
          y={height - 12}
          textAnchor="end"
        >
          {formatDate(latestDate)}
        </text>
      ) : null}
    </svg>
  );
}
