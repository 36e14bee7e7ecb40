// Every number that tunes fingerprinting and folding, with the measurement that chose it.
// Measured on the newsweb dev web (1312 items, 518 stories) with `npx tsx scripts/eval-fold.ts`.

/** Tuning of signatures, candidate keys and fold decisions. */
export const foldSettings = {
  /** Paragraphs shorter than this (in words; a CJK character counts half) are republisher lines or carry too
   * little story to fingerprint: site headers, "Source link", "Read more at …", ad markers and editor's notes
   * on the dev web fit in 12 words (the longest, an "UPDATE (…): This story has been updated…" note); short
   * story paragraphs dropped from both copy and original cost nothing measurable (same-language recall 0.998). */
  shortParagraphTokens: 15,
  /** Below this many words of long paragraphs the whole text (minus link lines) is fingerprinted instead. */
  minBodyTokens: 30,
  /** Words per simhash shingle: with 2, 897 same-story same-language pairs sat within 3 bits (vs 889 with 3)
   * and the closest distinct-story pair stayed at 16 bits for both; fold scores were equal. */
  shingleSize: 2,
  /** Largest simhash distance (bits) accepted as the same story. Distinct same-language stories were all
   * >= 16 bits apart on the dev web; 3 keeps four 16-bit bands (selective index keys), and copies further
   * apart (truncations, edits) are caught by containment instead of a wider k. */
  nearDistance: 3,
  /** Texts shorter than this (words) have no simhash: too few shingles for a stable fingerprint. */
  minSimhashTokens: 20,
  /** Words per shingle for containment: 5 words rarely recur across different stories yet a sentence edit
   * only touches the shingles around it. */
  containmentShingle: 5,
  /** One shingle in this many is kept (by hash, so copies keep the same ones). */
  containmentSampling: 4,
  /** Sampled shingle hashes kept per signature, from the start of the text (a truncated copy keeps the lead). */
  maxContainmentHashes: 100,
  /** Lead shingle hashes used as look-up keys: a truncated copy keeps the lead. 4 (was 6) with no sampled
   * ones found the same copies on the dev web (bench/key-kinds.ts): shingle keys alone found 1 copy of 794. */
  leadShingleKeys: 4,
  /** Further shingle keys sampled by smallest hash (a consistent sample, so copies pick the same ones); 0 (was
   * 12): on the dev web they found no copy the other keys missed, and each key costs ~30 B of index per item. */
  sampledShingleKeys: 0,
  /** Containment (shared sampled shingles / those of the smaller text) needed to fold a truncated or edited copy. */
  minContainment: 0.5,
  /** Shared sampled shingles needed besides the ratio: one or two may be a quote or a stock phrase. */
  minSharedShingles: 3,
  /** Title-only items: overlap coefficient of title word sets needed to fold; 0.8 merged two pairs of distinct
   * same-event headlines on the dev web, 0.9 none, with the same recall. */
  minTitleOverlap: 0.9,
  /** …and title words the shorter title must have: shorter titles are too generic to fold on. */
  minTitleWords: 4,
  /** Title words sampled (smallest hash) to build pair keys for title look-up: 4 words, 6 pairs (6 words made
   * 15 pairs and found no more copies on the dev web). */
  titleKeyWords: 4,
  /** Cross-language anchors (names, numbers, acronyms) kept per signature. */
  maxAnchors: 60,
  /** Anchors kept in order of appearance per signature (the dev web's longest text has 143; a translation's lede and
   * first paragraphs decide). */
  maxAnchorSequence: 120,
  /** Anchors sampled (smallest hash) to build pair keys for cross-language look-up (4: cross-language recall
   * on the dev web as with 5; 3 lost pairs). */
  anchorKeyCount: 4,
  /** The title's and lede's first anchors also form pair keys: a shortened translation keeps its lede. */
  leadAnchorKeys: 6,
  /** The most frequent anchors also form pair keys: translations keep the names they repeat most (3 pairs
   * of the 3 most frequent found what 6 pairs of 4 did on the dev web). */
  frequentAnchorKeys: 3,
  /** Words of story text each item needs before it can fold as a translation: a summary-only feed's translated lede
   * (20–29 words) still names the story's people, while a shorter text is mostly a title whose language is a guess.
   * Cross-language pairs with a side of 20–29 words within 72 h: the two translations shared all their anchors
   * (evidence 4 and 5), the closest distinct-story pair reached 0.6; 10 and 15 words found no more pairs. */
  minTranslationTokens: 20,
  /** Share of the smaller anchor sequence (weights, repeats counted) that the weighted longest common subsequence of
   * the two must cover for a translation to fold: a translation keeps its original's names, numbers and dates in
   * order, another article on the same event names them in its own order. Chosen on half A of the dev web
   * (scripts/lib/halves.ts): at 0.4, A's cross-language recall is 0.890 and 2 of A's same-event and hard-negative
   * item pairs (read as two languages) pass; 0.3 passes 12 for no more recall, 0.5 loses recall (0.808). */
  minAlignedShare: 0.4,
  /** Evidence a translation needs: the weight of the distinct anchors of the aligned subsequence (each counted once:
   * a party or a leader named all through two articles on one affair aligns many times) times the aligned share. On
   * half A at a share of 0.4, 2 and 2.5 kept recall at 0.890 and 2.5 passed fewer same-event pairs (37 of the whole
   * web against 43 at 2, 2 of A's at both); 3 lost A's recall (0.836). Counting repeats instead (aligned x share >= 3)
   * tied on A, and let a French and a German article on one party expulsion fold through the pipeline (half B). */
  minAlignedEvidence: 2.5,
  /** Letters of a name's skeleton (at most 6) that decide whether two names align: given names and places change
   * their ending in translation (Francis / Francesco: frnks / frnksk). On half A, 5 raised cross-language recall
   * from 0.836 (6, whole skeletons) to 0.890 and passed no more of A's same-event pairs; 4 scored the same. */
  nameStemLetters: 5,
  /** Translations fold only within this many hours of each other: every translation of the dev web appeared within
   * 23 h of its original (24, 36, 48 and 72 h scored the same on both halves). */
  translationWindowHours: 36,
  /** Title-only items fold only within this many hours of each other. */
  titleWindowHours: 48,
  /** Attribution / canonical links kept per signature. */
  maxLinks: 8,
} as const;

/** The type of {@link foldSettings}. */
export type FoldSettings = typeof foldSettings;
