import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { Doc } from '../../../src/domain/extract/dom.ts';
import { findLead, withLead } from '../../../src/domain/extract/lead.ts';

const summary = 'The harbour board approved a plan to rebuild the north pier before the summer season begins.';
const body = '<p>The vote was unanimous, the chair said after the meeting on Tuesday evening.</p>'.repeat(3);
const parse = (html: string) => new DOMParser().parseFromString(`<html><body>${html}</body></html>`, 'text/html') as unknown as Doc;

describe('findLead', () => {
  it.each([
    ['a standfirst paragraph', `<h1>Pier</h1><p class="teaser">${summary}</p>${body}`, summary],
    ['a standfirst split by inline markup', `<div class="lead"><strong>Harbour:</strong> ${summary}</div>`, `Harbour: ${summary}`],
    ['a description cut short with an ellipsis', `<p>${summary} The work starts in March.</p>`, `${summary} The work starts in March.`],
    ['a standfirst of bullet points', `<ul><li>The harbour board approved a plan</li><li>to rebuild the north pier before the summer season begins.</li></ul>${body}`, 'The harbour board approved a plan to rebuild the north pier before the summer season begins.'],
    ['a standfirst whose summary runs on into the body', `<p>${summary}</p><p>The vote was unanimous.</p>`, summary],
    ['a summary printed only in a teaser link', `<a href="/x"><p>${summary}</p></a>`, null],
    ['a summary inside a block of several paragraphs', `<div>${summary}<p>one</p><p>two</p></div>`, null],
    ['a page that does not print it', body, null],
  ])('%s', (_name, html, lead) => {
    const description = _name.includes('ellipsis') ? `${summary.slice(0, 60)}…` : summary;
    expect(findLead(parse(html), description)).toBe(lead);
  });

  it.each([
    ['a missing description', null],
    ['a description too short to be sure', 'Pier rebuilt'],
    ['a description that is the whole article', `${summary} `.repeat(20)],
  ])('finds nothing for %s', (_name, description) => {
    expect(findLead(parse(`<p>${description ?? ''}</p>`), description)).toBeNull();
  });
});

describe('withLead', () => {
  it.each([
    ['puts the lead first', 'Body text of the story.', summary, `${summary}\n\nBody text of the story.`],
    ['leaves text that holds the lead', `${summary}\n\nBody.`, summary, `${summary}\n\nBody.`],
    ['leaves text without a lead', 'Body.', null, 'Body.'],
  ])('%s', (_name, text, lead, out) => {
    expect(withLead(text, lead, summary)).toBe(out);
  });
});
