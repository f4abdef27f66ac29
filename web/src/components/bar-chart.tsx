/**
 * A plain horizontal bar chart drawn in SVG, with each value written beside its bar. The chart
 * is a picture of a table that the page also shows, so it is hidden from screen readers
 * (`aria-hidden`) rather than described twice. No colour carries meaning: every bar is the
 * same colour and every value is written out.
 */
export interface Bar {
  label: string;
  /** 0 to max. */
  value: number;
  /** Written at the end of the bar, for example "60%" or "3 of 5". */
  valueText: string;
}

const rowHeight = 32;
const labelWidth = 220;
const barAreaWidth = 360;
const valueWidth = 110;

export function BarChart({ bars, max = 100 }: { bars: Bar[]; max?: number }) {
  const height = bars.length * rowHeight + 8;
  const width = labelWidth + barAreaWidth + valueWidth;
  return (
    <svg
      className="app-bar-chart"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
      aria-hidden="true"
      focusable="false"
    >
      {bars.map((bar, index) => {
        const y = index * rowHeight + 4;
        const barWidth = max > 0 ? Math.max(0, Math.min(1, bar.value / max)) * barAreaWidth : 0;
        return (
          <g key={bar.label}>
            <text className="app-bar-chart__label" x={labelWidth - 8} y={y + 18} textAnchor="end">
              {bar.label.length > 28 ? `${bar.label.slice(0, 27)}…` : bar.label}
            </text>
            <rect
              className="app-bar-chart__track"
              x={labelWidth}
              y={y + 4}
              width={barAreaWidth}
              height={rowHeight - 12}
            />
            <rect
              className="app-bar-chart__bar"
              x={labelWidth}
              y={y + 4}
              width={barWidth}
              height={rowHeight - 12}
            />
            <text className="app-bar-chart__value" x={labelWidth + barAreaWidth + 8} y={y + 18}>
              {bar.valueText}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
