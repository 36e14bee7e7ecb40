// Foreign names written in Chinese characters: 克雷菲尔德 (Krefeld), 马克龙 (Macron), 巴基斯坦 (Pakistan). Chinese
// renders a foreign name by sound with a small syllabary of characters, so a run of such characters is taken as a
// candidate name and reduced, through its pinyin (any-ascii), to a coarse sound key: consonant classes that
// Chinese does not tell apart merged (b/p, d/t, g/k, l/r, m/n), vowels dropped. A Latin-script name reduced the
// same way meets it. Candidates are only that: ordinary words made of the same characters make noise, so a
// candidate counts in a comparison only when it meets a name of the other item (see compare.ts).

import anyAscii from 'any-ascii';

/** Characters of the transliteration syllabary (the core of the Xinhua table for foreign personal and place names). */
const SYLLABARY = new Set([...(
  '阿埃艾爱安昂奥巴拜班邦鲍贝本比毕彼宾波伯博布查察达戴丹德登迪蒂丁杜敦多厄恩尔法菲费芬佛夫福弗伏盖甘冈戈'
  + '格贡瓜圭哈亨洪霍基吉迦贾杰捷津卡凯坎柯科克肯孔库夸奎昆拉莱赖兰朗劳勒雷蕾黎里丽莉林琳隆卢鲁伦罗洛马玛迈麦'
  + '曼芒梅蒙米摩莫默姆穆纳娜奈内尼宁纽努诺欧帕潘庞佩彭皮普奇齐乔钦琼丘萨塞桑瑟沙莎舍什施斯苏索塔泰坦汤特提'
  + '图托瓦万旺威韦维温沃乌锡谢辛雅亚扬耶伊尤约泽扎詹兹佐'
)]);

const HAN_RUN = /\p{Script=Han}+/gu;
/** Characters in a row below which a run of syllabary characters is as likely an ordinary word (利亚, 比赛). */
const MIN_NAME_CHARACTERS = 3;
/** Sound classes below which a key says too little to count. */
export const MIN_SOUND_KEY = 3;

/** Sound class of a pinyin initial (or of a Latin letter): merged where Chinese writes one for several. */
function soundClass(letters: string): string {
  const c = letters[0] ?? '';
  if (c !== '' && 'jqxzcs'.includes(c)) return 's'; // the initials zh, ch and sh among them
  if ('bp'.includes(c)) return 'p';
  if ('dt'.includes(c)) return 't';
  if ('gk'.includes(c)) return 'k';
  if ('lr'.includes(c)) return 'l';
  if ('fvw'.includes(c)) return 'f';
  if ('mn'.includes(c)) return 'n';
  return '';
}

function collapse(key: string): string {
  return key.replace(/(.)\1+/g, '$1');
}

/** Coarse sound key of one pinyin syllable ("Lang" → "ln", "Er" → "l", "Ai" → ""). */
function syllableKey(syllable: string): string {
  const s = syllable.toLowerCase();
  if (s === 'er') return 'l';
  const initial = /^[aeiouy]/.test(s) ? '' : soundClass(s);
  const final = /[aeiouv]ng?$/.test(s) ? 'n' : '';
  return initial + final;
}

/** Coarse sound key of a run of Chinese characters, from the pinyin of each. */
export function hanSoundKey(run: string): string {
  return collapse([...run].map((ch) => syllableKey(anyAscii(ch))).join(''));
}

/** Coarse sound key of a name skeleton (skeletonOf): its consonants in the classes hanSoundKey uses. */
export function skeletonSoundKey(skeleton: string): string {
  // As collapse([...skeleton].map(soundClass).join('')), without the array and the pattern: it runs for every
  // name of every candidate a Chinese item is compared with.
  let key = '';
  for (const letter of skeleton) {
    const c = soundClass(letter);
    if (c && c !== key[key.length - 1]) key += c;
  }
  return key;
}

/** Candidate name anchors ("~" + sound key) of a text's Chinese characters: runs of the transliteration syllabary. */
export function hanNameAnchors(text: string): string[] {
  const out: string[] = [];
  for (const [run] of text.matchAll(HAN_RUN)) {
    let start = -1;
    const chars = [...run, ''];
    chars.forEach((ch, i) => {
      if (SYLLABARY.has(ch)) { if (start < 0) start = i; return; }
      if (start >= 0 && i - start >= MIN_NAME_CHARACTERS) {
        const key = hanSoundKey(chars.slice(start, i).join(''));
        if (key.length >= MIN_SOUND_KEY) out.push(`~${key}`);
      }
      start = -1;
    });
  }
  return out;
}
