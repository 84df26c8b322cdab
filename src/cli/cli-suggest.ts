// "Did you mean": the closest known name to a mistyped one, by edit distance (a swap of two
// neighbouring letters counts as one edit: `openia` -> `openai`).

/** Optimal-string-alignment distance between `a` and `b`. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_, row) => Array.from({ length: columns }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)));
  const at = (row: number, column: number): number => table[row]?.[column] ?? Number.POSITIVE_INFINITY;
  for (let row = 1; row < rows; row++) {
    for (let column = 1; column < columns; column++) {
      const cost = a[row - 1] === b[column - 1] ? 0 : 1;
      let best = Math.min(at(row - 1, column) + 1, at(row, column - 1) + 1, at(row - 1, column - 1) + cost);
      if (row > 1 && column > 1 && a[row - 1] === b[column - 2] && a[row - 2] === b[column - 1]) best = Math.min(best, at(row - 2, column - 2) + 1);
      table[row]![column] = best;
    }
  }
  return at(rows - 1, columns - 1);
}

/** The candidate `word` most likely meant, or undefined when none is close (a third of its letters, at least one). */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const wanted = word.toLowerCase();
  const prefixed = candidates.filter((candidate) => wanted.length >= 3 && candidate.startsWith(wanted));
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(wanted.length / 3));
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance <= bestDistance && (best === undefined || distance < bestDistance)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` Did you mean "x"?` or "". */
export function didYouMean(word: string, candidates: readonly string[], quote = '"'): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? "" : ` Did you mean ${quote}${match}${quote}?`;
}
