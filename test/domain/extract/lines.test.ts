import { describe, expect, it } from 'vitest';
import { dropBoilerplateLines } from '../../../src/domain/extract/lines.ts';

const body = 'The harbour wall was rebuilt over the winter.';

describe('dropBoilerplateLines on label, credit and comment lines', () => {
  it.each([
    ['a source line', 'Quelle: Deutscher Jagdverband (DJV), 02. Februar 2022'],
    ['a Polish source line', 'Źródło: ISBnews'],
    ['a picture credit with its label', 'Crédits photos : Bestimage'],
    ['a header image credit', 'Titelbild: Geyres Christophe/ABACA/picture-alliance'],
    ['a credit in brackets', '(Credit: Clayton Aldern / Grist)'],
    ['a photographer line', 'Photograph by Ed Marshall, Redonda Restoration Programme'],
    ['a copyright credit', '© AFP / Marco Bertorello'],
    ['a category line', 'Kategorie: News'],
    ['a bare contact label', 'Kontakt:'],
    ['a publication date label', 'Publiziert: 03.04.2020, 12:35'],
    ['a comment count', 'Keine Kommentare (Kommentare erscheinen erst nach unserer Freigabe)'],
  ])('drops %s', (_name, line) => {
    expect(dropBoilerplateLines(`${body}\n\n${line}`, null)).toBe(body);
  });

  it.each([
    ['a sentence about a source', 'The source of the leak was never found, the council said on Monday.'],
    ['a label-like start without a colon', 'Photos of the flood were shared thousands of times.'],
    ['an author line', 'Autor: Steffen Pache, Landesanstalt für Landwirtschaft'],
    ['a long paragraph that starts with a label', `Quelle: ${'the report lists every harbour wall repaired since 1990 and what it cost. '.repeat(2).trim()}`],
  ])('keeps %s', (_name, line) => {
    expect(dropBoilerplateLines(`${body}\n\n${line}`, null)).toBe(`${body}\n\n${line.trim()}`);
  });
});
