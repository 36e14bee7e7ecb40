// Boilerplate told by the rendered line alone: ad labels, share prompts, datelines, source and credit lines.

/** Lines that are page furniture whatever the template: ad labels, share prompts, bare dates. */
const BOILERPLATE_LINE =
  /^(advertisement|advertising|anzeige|werbung|publicité|publicidad|pubblicità|reklama|реклама|إعلان|广告|sponsored|share( this)?( article| story)?:?|teilen:?|partager:?|compartir:?|paylaş:?|udostępnij:?|read more|mehr lesen|weiterlesen|lire la suite|leer más|continue reading|source link|lien source|enlace fuente|kaynak bağlantısı|link źródłowy|ссылка на источник|来源链接|\d{1,2}[.:]\d{2}( uhr)?|\d{1,2}\.\d{1,2}\.\d{2,4})\.?$/i;

/** Attribution lines that republishing sites add; their links are kept, the line is not article text. */
const ATTRIBUTION_LINE =
  /^(the post .{3,200} (first )?appeared (first )?on .{2,80}|.{0,200}\bfirst appeared on .{2,80}|(originally|first) published (on|at|by) .{2,120}|this (article|story) (was )?(originally|first) (appeared|published) .{2,160})$/i;

/** "Read also: <other story>" lines that point away from the article, in the languages of the corpus. */
const READ_ALSO_LINE =
  /^(read more|read also|also read|see also|more on this|lea más|lee también|vea también|mira también|le puede interesar|te puede interesar|lesen sie auch|lesen sie mehr|auch lesen|mehr zum thema|mehr dazu|mehr aus|weiterlesen|lire aussi|à lire aussi|voir aussi|czytaj też|czytaj także|czytaj więcej|zobacz też|zobacz także|leia também|veja também|leggi anche|ayrıca okuyun|читайте также)(\s*[:|»›–—-].{0,200})?$/i;

/** Words that, with digits and punctuation, make up a dateline ("Dienstag, 4. Juni 2019, 20:37 Uhr"). */
// regex-safe: every alternative is a word; recheck's fuzzer's attack ("wá" × n) runs in linear time.
const DATE_WORDS =
  /\b(jan\w*|feb\w*|mar\w*|apr\w*|may|mai|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|okt\w*|nov\w*|dec\w*|dez\w*|märz|januar|februar|ene\w*|dic\w*|mon\w*|tue\w*|wed\w*|thu\w*|fri\w*|sat\w*|sun\w*|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lunes|martes|miércoles|jueves|viernes|sábado|domingo|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|uhr|am|um|at|on|de|del|le|à|h|pm|updated|published|posted|aktualisiert|veröffentlicht|stand|publicado|actualizado|publié|mis à jour|opublikowano|aktualizacja|publikacja)\b/giu;

/** True for a line made only of a date and time. */
export function isDateLine(line: string): boolean {
  if (line.length > 60 || !/\d/.test(line)) return false;
  const dateShaped = /\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}/.test(line) || /[^\d\s.,:\/|–—()-]/.test(line);
  if (!dateShaped) return false;
  return line.replace(DATE_WORDS, '').replace(/[\d\s.,:\/|–—()-]+/g, '') === '';
}

/**
 * "Label: value" lines that templates print around the text: source, picture credit, category, contact,
 * publication date, author. Annotated boilerplate on the trafilatura set and never required text there.
 */
const LABEL_LINE =
  /^\(?(quelle|quellen|quellenangaben?|source|sources|fuente|fuentes|źródło|źródła|fonte|fonti|bron|foto|fotos|photo|photos|bild|bilder|titelbild|beitragsbild|aufmacherbild|bildnachweis|fotonachweis|credits?|crédits?( photos?)?|photo credits?|kategorie|kategorien|category|categories|catégories?|categoría|rubrik|tags|schlagw[öo]rter|stichw[öo]rter|themen|etiquetas|kontakt|contact|contacto|ansprechpartner(in)?( zum thema)?|release date|news date|datum|publiziert|veröffentlicht( am)?|veröffentlichung|published( on)?|posted( on)?|opublikowano|aktualisiert( am)?|verfasst von|von|zusatzinformationen|zum weiterlesen|originalartikel|original article)\s*:.*$/i;

/** Picture credit lines: "Photograph by …", "(Image via …)", "© AFP". */
const CREDIT_LINE = /^\(?(photo(graph)?s?|images?|fotos?|bild(er)?) (by|von|via|de|di) .*$|^\(?©\s*\S.*$/i;

/** Comment-section lines: "Keine Kommentare", "Kommentar schreiben", "3 Comments". */
const COMMENTS_LINE =
  /^(keine kommentare|no comments|kommentare? (schreiben|verfassen|hinzufügen)|leave a (comment|reply)|\d+ (kommentare?|comments?|commentaires?|comentarios?))\b.*$/i;

/** Longest line the label, credit and comment rules drop: a label with its value, never a paragraph. */
const LABEL_LINE_MAX_CHARS = 100;

/** Lines shorter than this that name the site are the site's kicker or branding, not article text. */
const SITE_NAME_LINE_MAX = 60;

function isBoilerplateLine(line: string, siteName: string | null): boolean {
  const l = line.trim();
  if (BOILERPLATE_LINE.test(l) || ATTRIBUTION_LINE.test(l) || READ_ALSO_LINE.test(l) || isDateLine(l)) return true;
  if (l.length <= LABEL_LINE_MAX_CHARS && (LABEL_LINE.test(l) || CREDIT_LINE.test(l) || COMMENTS_LINE.test(l))) return true;
  return !!siteName && siteName.length >= 4 && l.length <= SITE_NAME_LINE_MAX && l.includes(siteName);
}

/** Drops boilerplate lines from rendered text, keeping paragraph structure. */
export function dropBoilerplateLines(text: string, siteName: string | null): string {
  return text
    .split('\n\n')
    .map((p) => p.split('\n').filter((l) => !isBoilerplateLine(l, siteName)).join('\n'))
    .filter((p) => p.trim() !== '')
    .join('\n\n');
}

/** Longest trailing label line dropped: a heading or a caption's lead-in, never a sentence. */
const TRAILING_LABEL_MAX_CHARS = 60;

/**
 * Drops label lines left at the end of the text ("Mehr zum Thema:", "Quelle:", "Schon gelesen?"): the list or
 * link they introduced was removed as furniture, and a label followed by nothing is not article text.
 */
export function dropTrailingLabels(text: string): string {
  let out = text.trimEnd();
  for (;;) {
    const cut = out.lastIndexOf('\n');
    const last = out.slice(cut + 1).trim();
    if (last.length === 0 || last.length > TRAILING_LABEL_MAX_CHARS || !/[:?]$/.test(last) || cut === -1) return out;
    out = out.slice(0, cut).trimEnd();
  }
}
