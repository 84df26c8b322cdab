// Medians over rounds (the figure), with the spread kept so a noisy figure shows as noisy.
export interface Figure {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export function summarize(samples: number[]): Figure {
  if (samples.length === 0) throw new Error("no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, samples };
}

/** (max - min) / median: how far apart the rounds were. */
export function spread(figure: Figure): number {
  return figure.median === 0 ? 0 : (figure.max - figure.min) / figure.median;
}
