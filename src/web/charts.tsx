/** Inline SVG charts: no script, no external file, readable in light and dark mode (currentColor). */

function scale(values: number[], size: number, pad: number): (v: number) => number {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  return (v) => pad + (size - 2 * pad) * (1 - (v - lo) / span);
}

const fmt = (n: number) => n.toFixed(1);

/** A rating sparkline, oldest to newest. */
export function Sparkline({ values, width = 96, height = 24 }: { values: number[]; width?: number; height?: number }) {
  if (values.length < 2) return <span class="muted">—</span>;
  const y = scale(values, height, 2);
  const step = (width - 4) / (values.length - 1);
  const points = values.map((v, i) => `${fmt(2 + i * step)},${fmt(y(v))}`).join(" ");
  const rising = (values.at(-1) ?? 0) >= (values[0] ?? 0);
  return (
    <svg
      class={`spark ${rising ? "up" : "down"}`}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`rating trend over ${values.length} games`}
    >
      <polyline points={points} fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" stroke-linecap="round" />
    </svg>
  );
}

/** A larger rating chart with the RD band, min/max labels and one dot per game. */
export function RatingChart({ points }: { points: Array<{ rating: number; deviation: number; at: string }> }) {
  const width = 640;
  const height = 220;
  if (points.length === 0) return <p class="muted">No rated games yet.</p>;
  const all = points.flatMap((p) => [p.rating - p.deviation, p.rating + p.deviation]);
  const y = scale(all, height, 16);
  const left = 48;
  const step = points.length > 1 ? (width - left - 12) / (points.length - 1) : 0;
  const x = (i: number) => left + i * step;
  const line = points.map((p, i) => `${fmt(x(i))},${fmt(y(p.rating))}`).join(" ");
  const band = [
    ...points.map((p, i) => `${fmt(x(i))},${fmt(y(p.rating + p.deviation))}`),
    ...points.map((p, i) => `${fmt(x(i))},${fmt(y(p.rating - p.deviation))}`).reverse(),
  ].join(" ");
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`rating history over ${points.length} games`}>
      <polygon class="band" points={band} />
      <text x="4" y={fmt(y(hi) + 4)} class="axis">
        {Math.round(hi)}
      </text>
      <text x="4" y={fmt(y(lo))} class="axis">
        {Math.round(lo)}
      </text>
      <polyline class="line" points={line} fill="none" stroke-width="2" />
      {points.map((p, i) => (
        <circle class="dot" cx={fmt(x(i))} cy={fmt(y(p.rating))} r="3">
          <title>{`${Math.round(p.rating)} ± ${Math.round(p.deviation)} · ${p.at.slice(0, 10)}`}</title>
        </circle>
      ))}
    </svg>
  );
}
