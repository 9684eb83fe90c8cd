import { Box } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';

export interface BarDatum {
  key: string;
  label: string;
  value: number;
}

const ROW = 28;
const BAR = 18;
const FONT = 12;
/** Width used before the container is measured (and in tests, where nothing has a size). */
const FALLBACK_WIDTH = 640;

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}

/**
 * A horizontal bar chart in plain SVG, drawn at the container's measured width so its text stays
 * readable on a 360 px phone. It is an image with a summary for screen readers; each bar carries its
 * label and value as a tooltip title, and the screens show the same figures in a table beside it.
 */
export function BarChart({
  data,
  title,
  formatValue,
}: {
  data: BarDatum[];
  title: string;
  formatValue: (value: number) => string;
}) {
  const { ref, width: measured } = useElementSize();
  const width = Math.max(measured || FALLBACK_WIDTH, 240);
  const labelWidth = Math.min(Math.round(width * 0.3), 160);
  const valueWidth = Math.min(Math.round(width * 0.3), 110);
  const barSpace = width - labelWidth - valueWidth - 16;
  const max = Math.max(...data.map((d) => d.value), 1);
  const height = data.length * ROW + 8;
  const labelChars = Math.floor(labelWidth / (FONT * 0.6));

  return (
    <Box ref={ref} w="100%">
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={title}
        data-testid="bar-chart"
        style={{ display: 'block', maxWidth: '100%' }}
      >
        {data.map((d, i) => {
          const y = i * ROW + 4;
          const barWidth = d.value > 0 ? Math.max(2, Math.round((d.value / max) * barSpace)) : 0;
          return (
            <g key={d.key} data-testid="bar" data-label={d.label} data-value={d.value}>
              <title>{`${d.label}: ${formatValue(d.value)}`}</title>
              <text
                x={labelWidth - 6}
                y={y + BAR / 2}
                textAnchor="end"
                dominantBaseline="central"
                fontSize={FONT}
                fill="var(--mantine-color-text)"
              >
                {truncate(d.label, labelChars)}
              </text>
              <rect
                x={labelWidth}
                y={y}
                width={barWidth}
                height={BAR}
                rx={3}
                fill="var(--mantine-color-blue-filled)"
              />
              <text
                x={labelWidth + barWidth + 6}
                y={y + BAR / 2}
                dominantBaseline="central"
                fontSize={FONT}
                fill="var(--mantine-color-dimmed)"
              >
                {formatValue(d.value)}
              </text>
            </g>
          );
        })}
      </svg>
    </Box>
  );
}
