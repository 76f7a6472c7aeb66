/**
 * Splits a long answer into messages that fit a channel's limit (Zalo 2,000, Telegram 4,096),
 * breaking on line boundaries so a list item or a link is never cut in half. Pure.
 */

/** Per-channel message length limits, in UTF-16 code units (what both platforms count). */
export const MESSAGE_LIMITS = { zalo: 2000, telegram: 4096 } as const;

/** Cuts at most `limit` code units from `line` without splitting a surrogate pair, preferring a space. */
function cutLongLine(line: string, limit: number): [string, string] {
  let end = limit;
  const code = line.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1; // high surrogate: keep the pair together
  const space = line.lastIndexOf(' ', end);
  if (space > limit * 0.5) return [line.slice(0, space), line.slice(space + 1)];
  return [line.slice(0, end), line.slice(end)];
}

/**
 * Returns chunks of at most `limit` code units. Lines are kept whole when they fit; a single line
 * longer than the limit is cut at a space (or hard-cut as a last resort). Empty chunks are dropped,
 * and every non-whitespace character of the input appears in exactly one chunk, in order.
 */
export function splitText(text: string, limit: number): string[] {
  if (!Number.isInteger(limit) || limit < 2) throw new RangeError(`limit must be an integer ≥ 2, got ${limit}`);
  if (text.length <= limit) return text.trim() ? [text] : [];
  const chunks: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) chunks.push(current.replace(/\n+$/, ''));
    current = '';
  };
  for (const rawLine of text.split('\n')) {
    let line = rawLine;
    const joined = current ? `${current}\n${line}` : line;
    if (joined.length <= limit) {
      current = joined;
      continue;
    }
    flush();
    while (line.length > limit) {
      const [head, rest] = cutLongLine(line, limit);
      if (head.trim()) chunks.push(head);
      line = rest;
    }
    current = line;
  }
  flush();
  return chunks;
}
