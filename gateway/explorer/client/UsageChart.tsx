/**
 * The dashboard's chart of accesses over time: requests that obtained the department's items, per day (China
 * Standard Time), stacked by consumer department, drawn as SVG on the page itself (no chart library, nothing
 * fetched); each bar names its figures in a tooltip. Beside it, the table of items obtained per consumer and item.
 */
import type { Locale, Translate } from './i18n.ts';
import type { UsageFigures } from './usageFigures.ts';

const COLOURS = ['#2563eb', '#d97706', '#059669', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];
const WIDTH = 720;
const HEIGHT = 220;
const LEFT = 36;
const BOTTOM = 28;

export function colourOf(figures: UsageFigures, consumer: string): string {
  return COLOURS[figures.consumers.indexOf(consumer) % COLOURS.length]!;
}

export function UsageChart({ figures, t }: { figures: UsageFigures; locale: Locale; t: Translate }) {
  const perDay = figures.days.map((day) => figures.consumers.map((consumer) => figures.requests.get(day)?.get(consumer) ?? 0));
  const highest = Math.max(1, ...perDay.map((counts) => counts.reduce((a, b) => a + b, 0)));
  const scale = niceCeiling(highest);
  const slot = (WIDTH - LEFT - 16) / figures.days.length;
  const plotHeight = HEIGHT - BOTTOM - 8;
  // The legend names the consumers with bars (one only denied has none).
  const charted = figures.consumers.filter((consumer) => figures.days.some((day) => (figures.requests.get(day)?.get(consumer) ?? 0) > 0));
  const y = (value: number) => 8 + plotHeight - (value / scale) * plotHeight;
  return (
    <figure className="gg-chart" data-testid="usage-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('chartLabel', { days: figures.days.length, total: figures.total })}>
        {[0, ...(scale % 2 === 0 ? [scale / 2] : []), scale].map((tick) => (
          <g key={tick}>
            <line x1={LEFT} x2={WIDTH} y1={y(tick)} y2={y(tick)} className="gg-chart-grid" />
            <text x={LEFT - 6} y={y(tick) + 4} textAnchor="end" className="gg-chart-axis">{tick}</text>
          </g>
        ))}
        {figures.days.map((day, i) => {
          let base = 0;
          const x = LEFT + i * slot + slot * 0.15;
          return (
            <g key={day} data-day={day}>
              {figures.consumers.map((consumer, c) => {
                const value = perDay[i]![c]!;
                if (value === 0) return null;
                const top = y(base + value);
                const rect = (
                  <rect key={consumer} x={x} width={slot * 0.7} y={top} height={y(base) - top} fill={colourOf(figures, consumer)} data-consumer={consumer}>
                    <title>{`${day} · ${consumer}: ${t('requestsCount', { count: value })}`}</title>
                  </rect>
                );
                base += value;
                return rect;
              })}
              {(i % Math.ceil(figures.days.length / 10) === 0 || i === figures.days.length - 1) && (
                <text x={x + slot * 0.35} y={HEIGHT - 10} textAnchor="middle" className="gg-chart-axis">{day.slice(5)}</text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        {charted.map((consumer) => (
          <span key={consumer} className="gg-legend"><i style={{ background: colourOf(figures, consumer) }} />{consumer}</span>
        ))}
        {charted.length === 0 && <span className="gg-muted">{t('noAccesses')}</span>}
      </figcaption>
    </figure>
  );
}

/** Items obtained (and denied) per consumer and item over the period. */
export function UsageTable({ figures, t }: { figures: UsageFigures; t: Translate }) {
  if (figures.consumers.length === 0) return null;
  return (
    <table className="gg-usage" data-testid="usage-table">
      <thead>
        <tr><th>{t('colItem')}</th>{figures.consumers.map((consumer) => <th key={consumer}>{consumer}</th>)}</tr>
      </thead>
      <tbody>
        {figures.items.map((item) => (
          <tr key={item} data-item={item}>
            <th><code>{item}</code></th>
            {figures.consumers.map((consumer) => {
              const served = figures.served.get(consumer)?.get(item) ?? 0;
              const denied = figures.denied.get(consumer)?.get(item) ?? 0;
              return (
                <td key={consumer} data-consumer={consumer}>
                  {served > 0 ? served : ''}
                  {denied > 0 && <span className="gg-denied" title={t('deniedTitle')}>{served > 0 ? ' ' : ''}⊘{denied}</span>}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 1, 2, 5, 10, 20, 50… at or above `value`. */
function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}
