// Emergency signs: the ids shared by the emergency screen, the red flags of every
// question set and the free-text detector. The patterns below match what clients
// type (fi, sv, en) and are not user-facing wording. They err on the side of safety:
// a negated mention ("no chest pain") still matches, a bare body part does not.

/** Signs that end the flow in the emergency outcome. */
export const EMERGENCY_SIGNS = [
  'chest_pain',
  'breathing',
  'unconscious',
  'stroke',
  'bleeding',
  'suicide',
  'danger',
  'anaphylaxis',
  'sepsis',
  'seizure',
  // A sudden, very severe headache ("the worst of my life"): a sign of bleeding in the brain.
  'headache_sudden',
  // Sudden confusion or a sudden marked drop in general condition (DOMAIN: "sudden marked drop
  // in condition" is an emergency; in an older person often after a fall or with an infection).
  'deterioration',
  // A child limp, drowsy or hard to wake (the general-condition question): 112.
  'child_limp',
  // Something swallowed with breathing difficulty, drowsiness or convulsions now: 112.
  'poisoning_severe',
  // Something swallowed (chemical, medicine, plant, mushroom, small object) without those signs:
  // the Poison Information Centre now. Typed text names this sign; the flow then asks the symptoms.
  'poisoning',
] as const;
export type EmergencySign = (typeof EMERGENCY_SIGNS)[number];

/** True when the string is a known emergency sign id. */
export function isEmergencySign(value: string): value is EmergencySign {
  return (EMERGENCY_SIGNS as readonly string[]).includes(value);
}

/** Lower case, diacritics removed (ä -> a, å -> a, ö -> o), apostrophes dropped, spaces collapsed. */
export function normalizeFreeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`´]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// One optional word between two parts: "kipua vasemmalla rinnassa", "ont i hela bröstet".
const GAP = '(?:\\s+\\w+)?\\s+';

const PATTERNS: ReadonlyArray<readonly [EmergencySign, readonly RegExp[]]> = [
  [
    'suicide',
    [
      /\bitsemurh/,
      /\bitsetuho/,
      /\b(tappaa|tapan|tappaisin|tapa) itse(ni|si|nsa)\b/,
      /\b(lopettaa|lopetan|paattaa|paatan) (elamani|elamansa|henkeni)\b/,
      /\bhaluan kuolla\b/,
      /\ben (halua|jaksa) (enaa )?(elaa|elaa enaa)\b/,
      /\bsjalvmord/,
      /\bta (mitt|sitt) (eget )?liv\b/,
      /\bta livet av (mig|sig)\b/,
      /\bvill inte leva\b/,
      /\bvill (bara )?do\b/,
      /\bdoda mig sjalv\b/,
      /\bsuicid/,
      /\bkill (myself|himself|herself|themselves)\b/,
      /\bend (my|his|her|their) (own )?life\b/,
      /\btake (my|his|her|their) own life\b/,
      /\bwant(s)? to die\b/,
      /\bdont want to (live|be alive)\b/,
    ],
  ],
  [
    'chest_pain',
    [
      /\brintakip/,
      /\brintakiv/,
      new RegExp(`\\brinta(keha)?\\w*${GAP}(kipu|kivu|sattuu|puristaa|puristus)`),
      new RegExp(`\\b(kipu|kipua|kivun|sattuu|puristaa|puristusta|puristus)\\w*${GAP}rinna`),
      /\bbrostsmart/,
      new RegExp(`\\b(ont|smarta|smartor|tryck|tryckande)${GAP}(i|over|bakom) (hela )?brost`),
      /\bchest pain/,
      /\bchest (hurts|is hurting|tightness|pressure)\b/,
      /\b(tight|crushing|painful) chest\b/,
      new RegExp(`\\bpain${GAP}(in|across) (my|his|her|the) chest\\b`),
    ],
  ],
  [
    'breathing',
    [
      /\b(en|ei|et|emme|eika) saa (henkea|ilmaa)\b/,
      /\bhengenahdist/,
      /\bhengitysvaik/,
      /\bhengittaminen (on )?(vaikeaa|ei onnistu)\b/,
      /\bei hengita\b/,
      /\btukehtu/,
      /\bkan (inte|knappt) andas\b/,
      /\bandnod\b/,
      /\bandas inte\b/,
      /\bsvart att andas\b/,
      /\bfar inte luft\b/,
      /\b(cant|cannot|can not|unable to|struggling to|hard to) breathe\b/,
      /\bnot breathing\b/,
      /\b(difficulty|trouble) breathing\b/,
      /\bshort(ness)? of breath\b/,
      /\bchoking\b/,
    ],
  ],
  [
    'unconscious',
    [
      /\btajut(on|toma|tomana|tomaksi|tomuus|ttom)/,
      /\b(menetti|menettanyt|meni) tajun/,
      /\bei (hera|heraa|reagoi)\b/,
      /\bmedvetslos/,
      /\bsvimma/,
      /\b(vaknar|reagerar) inte\b/,
      /\bunconscious\b/,
      /\bunresponsive\b/,
      /\bpassed out\b/,
      /\b(wont|will not|doesnt|does not|cant|cannot) (wake|be woken)\b/,
      /\bfainted\b/,
    ],
  ],
  [
    'stroke',
    [
      /\baivo(infarkt|verenvuo|halvau)/,
      /\bhalvaan|\bhalvau/,
      /\bpuhe\w*\s+(on\s+)?puurou|\bpuuroutu/,
      /\bsuupieli\w*\s+roikku/,
      /\btoispuolei\w*\s+(heikkou|halvau|puutu)/,
      /\bslaganfall/,
      /\bhjarn(infarkt|blodning)/,
      /\bforlam/,
      /\bsluddr/,
      /\bsned i ansiktet\b/,
      /\bstroke\b/,
      /\b(face|mouth) (is )?droop/,
      /\bslurred speech\b|\bslurring\b/,
      /\bparaly[sz]/,
    ],
  ],
  [
    'bleeding',
    [
      /\b(runsa|kova|voimakka|raju|paha)\w*\s+verenvuo/,
      /\bverenvuoto\w*\s+ei\s+(lopu|tyrehdy|lakkaa|loppu)/,
      /\bvuoto\w*\s+ei\s+(lopu|tyrehdy|lakkaa)/,
      /\bvuotaa\s+(paljon|runsaasti|kovasti|valtavasti)/,
      /\bverta\s+(tulee\s+)?(paljon|runsaasti|kovasti)/,
      /\b(kraftig|svar|stor|riklig)\w*\s+blodning/,
      /\bbloder\s+(mycket|kraftigt|hela tiden)/,
      /\bblodningen\s+(slutar|gar|kan)\s+inte/,
      /\b(heavy|severe|massive|uncontrolled) bleeding\b/,
      /\bbleeding\s+(heavily|a lot|badly|profusely)\b/,
      /\bbleeding\s+(that\s+)?(wont|will not|doesnt|does not|cant|cannot)\s+stop\b/,
      /\blots of blood\b/,
    ],
  ],
  [
    'seizure',
    [
      /\bkouristel/,
      /\bkouristuskohtau/,
      /\bkuumekourist/,
      // "kouristuksia" alone, but not a muscle or stomach cramp ("kouristuksia vatsassa").
      /\bkouristu[a-z]*(?![a-z]|\s+(vatsa|jala|jalka|pohje|pohkee|lihak|lihas|sela|kade|kasi))/,
      /\b(epilep|kaatumatau)\w*\s+(\w+\s+)?kohtau/,
      /\b(epilepsia|kaatumatauti)kohtau/,
      /\bkrampanfall/,
      /\bfeberkramp/,
      /\bepileptisk\w*\s+anfall/,
      // "har kramper", but not "kramp i vaden" (a muscle cramp).
      /\b(har|hade|fick|fatt|far|fa)\s+kramp(er|ar)?\b(?!\s+i\s)/,
      /\bkrampar\b(?!\s+i\s)/,
      /\bseizure/,
      /\bconvuls/,
      /\b(having|had|has)\s+(a\s+)?(fit|fits)\b/,
      /\bepileptic\s+(fit|attack)/,
    ],
  ],
  [
    'headache_sudden',
    [
      /\b(akillin\w*|rajahtav\w*|salamannopea\w*)\s+(\w+\s+)?paansar/,
      /\b(akkia|yhtakkia|yhtakia|aivan yhtakkia)\s+(\w+\s+){0,2}paansar/,
      /\bpaansarky\w*\s+(\w+\s+)?(alkoi|tuli)\s+(\w+\s+)?(akkia|yhtakkia|kuin salama)/,
      /\b(elamani|elaman|koskaan)\s+(\w+\s+)?pahin\w*\s+paansar/,
      /\bpahin\w*\s+paansarky\w*\s+(ikina|koskaan)/,
      /\bplotslig\w*\s+(\w+\s+)?huvudvark/,
      /\bvarsta\s+huvudvark\w*\s+(nagonsin|i mitt liv|jag haft)/,
      /\bexplosionsartad\w*\s+huvudvark/,
      /\bsudden(ly)?\s+(\w+\s+)?headache/,
      /\bworst\s+headache\b/,
      /\bthunderclap\s+headache/,
    ],
  ],
  [
    // Confusion alone is too common a word ("sekava tilanne", "confused about the bill"): the
    // sign needs it said of a person together with a sign that it is new (now, suddenly, a fall).
    'deterioration',
    [
      /^(?!.*\b(elamantilan|tilan|asia|talou|elama|ajatuk|paperi)\w*\s+(\w+\s+){0,3}sekav)(?=.*\bsekav(?!a\s+(olo|tilanne|elamantilanne|tilanteeni)))(?=.*\b(akillin\w*|akkia|yhtakkia|nyt|tanaan|illalla|aamulla|yolla|kaatu\w*|alkoi|tullut))/,
      /\byleis(tila|kunto)\w*\s+(\w+\s+)?(romahti|romahtanut|romahtaa|heikkeni akkia|laski akkia|huononi akkia)/,
      /\b(akkia|yhtakkia)\s+(\w+\s+)?(huonokuntois|veltto|heikko)/,
      /^(?=.*\b(forvirrad|forvirring|virrig|desorienterad))(?=.*\b(plotsligt?|nu|i dag|idag|i kvall|i natt|i morse|ramlade|foll|fallit|borjade))/,
      /\ballmantillstand\w*\s+(\w+\s+)?(forsamrats|forsamrades|rasat|rasade)/,
      /\b(suddenly|acutely)\s+(\w+\s+)?(confused|disoriented|delirious)\b/,
      /^(?=.*\b(is|was|became|become|got|seems|seemed|has been)\s+(very\s+|really\s+|quite\s+|so\s+)?(confused|disoriented|delirious)\b(?!\s+(about|by|with)))(?=.*\b(now|today|tonight|this (morning|evening)|fell|fall|since))/,
    ],
  ],
  [
    'anaphylaxis',
    [
      /\banafyla/,
      /\banaphyla/,
      /\b(kurkku|kieli|nielu|huulet|huuli|kasvot)\w*\s+(\w+\s+)?(turpoa|turvo|turpos|ajettu)/,
      /\bturvo\w*\s+(\w+\s+)?(kurk|kiel|huul|nielu)/,
      /\b(svullen|svullnad|svullna|svullet|svaller)\w*\s+(\w+\s+)?(i\s+)?(halsen|tungan|lapparna|lappen|svalget)/,
      /\b(halsen|tungan|lapparna|svalget)\s+(\w+\s+)?svull/,
      /\b(throat|tongue|lips?)\s+(\w+\s+)?(swelling|swollen|closing)/,
      /\bswollen\s+(throat|tongue|lips)/,
    ],
  ],
  [
    // Checked after the 112 signs: "nielaisi ja ei hengitä" is a breathing emergency first.
    'poisoning',
    [
      /\bnielai/,
      /\bniell(yt|eet|i)\b/,
      /\bmyrky/,
      /\bmyrkk/,
      /\byliannost/,
      /\b(joi|juonut|soi|syonyt)\s+(\w+\s+)?(pesuaine|tiskiaine|konetiskiaine|kloori|lamppuoljy|sytytysneste|laakkeit|tabletteja|pillereita|sienia|nappiparist)/,
      /\bsvalde\b/,
      /\b(har|hade|kan ha|kanske)\s+svalt\b/,
      /\bsvalt\s+(en|ett|nagot|nagra|tabletter|piller|medicin|batteri|tvattmedel|diskmedel)/,
      /\bsvalj/,
      /\bforgift/,
      /\bgiftig/,
      /\boverdos/,
      /\bswallow(ed|ing)?\b/,
      /\bpoison/,
      /\boverdose/,
      /\b(drank|ate|eaten|drunk)\s+(some\s+)?(bleach|detergent|dishwasher|cleaning|lamp oil|pills|tablets|medicine|mushrooms|button batter)/,
    ],
  ],
];

/**
 * The emergency sign a free-text message names, or null. Case- and
 * diacritic-insensitive, in Finnish, Swedish and English with inflections.
 */
export function detectEmergencySign(text: string): EmergencySign | null {
  const normalized = normalizeFreeText(text);
  if (!normalized) return null;
  for (const [sign, patterns] of PATTERNS) {
    if (patterns.some((pattern) => pattern.test(normalized))) return sign;
  }
  return null;
}

// Words that negate what follows them in the same clause ("ei rintakipua", "inget bröstsmärta",
// "no chest pain", "I don't have chest pain"). Not Finnish "en": in Swedish it is the article "a".
const NEGATIONS = new Set([
  'ei',
  'eika',
  'ilman',
  'inte',
  'inga',
  'ingen',
  'inget',
  'utan',
  'ej',
  'icke',
  'no',
  'not',
  'without',
  'never',
  'dont',
  'doesnt',
  'didnt',
  'havent',
  'hasnt',
  'isnt',
  'arent',
  'wasnt',
  'nor',
  'none',
]);
// After these a new statement starts: "ei kuumetta mutta rintakipua" names chest pain.
const CONJUNCTIONS = new Set(['mutta', 'mut', 'vaan', 'ja', 'men', 'och', 'but', 'and', 'though', 'although']);
const GLOBAL_PATTERNS = PATTERNS.map(([sign, patterns]) => [sign, patterns.map((p) => new RegExp(p.source, 'g'))] as const);

/** The clauses of a text, normalized: split at punctuation and at the conjunctions above. */
function clauses(text: string): string[] {
  return text
    .split(/[.,;:!?\n]+/)
    .flatMap((part) => {
      const out: string[][] = [[]];
      for (const word of normalizeFreeText(part).split(' ')) {
        if (CONJUNCTIONS.has(word)) out.push([]);
        else if (word !== '') out[out.length - 1]!.push(word);
      }
      return out.map((words) => words.join(' '));
    })
    .filter((clause) => clause !== '');
}

/**
 * The emergency sign a text names only with a negation before it in the same clause ("ei
 * rintakipua", "inget bröstsmärta", "no chest pain"), or null: null also when any mention of
 * any sign is not negated, so a negation never hides a sign named elsewhere in the text.
 */
export function detectNegatedEmergencySign(text: string): EmergencySign | null {
  let negated: EmergencySign | null = null;
  for (const clause of clauses(text)) {
    for (const [sign, patterns] of GLOBAL_PATTERNS) {
      for (const pattern of patterns) {
        for (const match of clause.matchAll(pattern)) {
          const before = clause.slice(0, match.index).split(' ');
          if (!before.some((word) => NEGATIONS.has(word))) return null;
          negated ??= sign;
        }
      }
    }
  }
  return negated;
}
