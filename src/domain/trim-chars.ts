// Removing a repeated character from the ends of a string in a loop: `/\/+$/` looks like the same thing, but a
// regular expression searching for an anchored run starts again at every character of the run, which is quadratic
// on a long run followed by anything else (the lint in eslint.config.js reports it).

/** `text` without any `ch` at its end. */
export function trimCharEnd(text: string, ch: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === ch) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** `text` without any `ch` at either end. */
export function trimChar(text: string, ch: string): string {
  let start = 0;
  while (start < text.length && text[start] === ch) start++;
  return trimCharEnd(text.slice(start), ch);
}
