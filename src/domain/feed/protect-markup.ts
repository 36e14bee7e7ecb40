// rss-parser strips tags from every description with lazy regexes (`<(?:.|\n)*?>`) that take quadratic time
// on crafted text such as thousands of '<' with no matching '>'. Text holding markup is therefore swapped for
// a short placeholder while rss-parser works, and put back in its output afterwards.

/** A per-parse placeholder table: `hide` is an xml2js value processor, `restore` puts the text back. */
export interface MarkupShield {
  hide: (value: string) => string;
  restore: <T>(tree: T) => T;
}

// Private-use characters: legal in XML (rss-parser re-serialises mixed content with a validating builder).
// Any value that already holds U+E000 is itself stored in the table, so every U+E000 seen later is ours.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;
const WHOLE = /^\uE000(\d+)\uE001$/;

/** A fresh shield for one parse (no state is shared between parses). */
export function createMarkupShield(): MarkupShield {
  const table: string[] = [];
  const hide = (value: string): string => (value.includes('<') || value.includes(OPEN) ? `${OPEN}${table.push(value) - 1}${CLOSE}` : value);
  const put = (s: string): string => {
    if (!s.includes(OPEN)) return s;
    const whole = WHOLE.exec(s);
    if (whole) return table[Number(whole[1])] ?? '';
    // A placeholder inside a string rss-parser built as XML stands for text, so it goes back escaped.
    return s.replace(PLACEHOLDER, (_m, i: string) => escapeXmlText(table[Number(i)] ?? ''));
  };
  const restore = <T>(tree: T): T => {
    // Iterative walk: a deeply nested document must not overflow the call stack.
    const stack: unknown[] = [tree];
    while (stack.length) {
      const node = stack.pop();
      if (typeof node !== 'object' || node === null) continue;
      const record = node as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const v = record[key];
        if (typeof v === 'string') record[key] = put(v);
        else if (typeof v === 'object' && v !== null) stack.push(v);
      }
    }
    return typeof tree === 'string' ? (put(tree) as T) : tree;
  };
  return { hide, restore };
}

function escapeXmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
