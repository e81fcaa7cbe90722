/**
 * The grounds on which the Wet open overheid lets a passage be withheld from publication, as Woo decisions
 * cite them ("5.1.2e"): the absolute grounds of article 5.1, first paragraph (a–e), the relative grounds of its
 * second paragraph (a–i), disproportionate harm (fifth paragraph) and personal policy views in documents for
 * internal deliberation (article 5.2, first paragraph).
 *
 * Source: Wet open overheid, Stb. 2021, 499 (in force 1 May 2022), articles 5.1 and 5.2 — the descriptions
 * are the law's own words, shortened. Left out: article 5.1, fourth paragraph (a temporary postponement of
 * publication, not a ground a published passage is blacked out under), and the third, sixth and seventh
 * paragraphs (they qualify the grounds, they add none).
 */
export interface WooGround {
  /** As Woo decisions cite it and as it is written in the Markdown: 5.1.2e. */
  code: string;
  /** The article, paragraph and item, written out as a Woo decision names it. */
  artikel: string;
  /** What the ground protects, in the law's words. */
  omschrijving: string;
}

const first = (letter: string, omschrijving: string): WooGround => ({ code: `5.1.1${letter}`, artikel: `artikel 5.1, eerste lid, onderdeel ${letter}, Woo`, omschrijving });
const second = (letter: string, omschrijving: string): WooGround => ({ code: `5.1.2${letter}`, artikel: `artikel 5.1, tweede lid, onderdeel ${letter}, Woo`, omschrijving });

export const WOO_GROUNDS: readonly WooGround[] = [
  first('a', 'de eenheid van de Kroon'),
  first('b', 'de veiligheid van de Staat'),
  first('c', 'bedrijfs- en fabricagegegevens die vertrouwelijk aan de overheid zijn meegedeeld'),
  first('d', 'bijzondere persoonsgegevens'),
  first('e', 'identificatienummers van personen'),
  second('a', 'de betrekkingen van Nederland met andere landen en staten en met internationale organisaties'),
  second('b', 'de economische of financiële belangen van de Staat, andere publiekrechtelijke lichamen of bestuursorganen'),
  second('c', 'de opsporing en vervolging van strafbare feiten'),
  second('d', 'de inspectie, controle en toezicht door bestuursorganen'),
  second('e', 'de eerbiediging van de persoonlijke levenssfeer'),
  second('f', 'de bescherming van concurrentiegevoelige bedrijfs- en fabricagegegevens'),
  second('g', 'de bescherming van het milieu waarop deze informatie betrekking heeft'),
  second('h', 'de beveiliging van personen en bedrijven en het voorkomen van sabotage'),
  second('i', 'het goed functioneren van de Staat, andere publiekrechtelijke lichamen of bestuursorganen'),
  { code: '5.1.5', artikel: 'artikel 5.1, vijfde lid, Woo', omschrijving: 'het voorkomen van onevenredige benadeling' },
  { code: '5.2', artikel: 'artikel 5.2, eerste lid, Woo', omschrijving: 'persoonlijke beleidsopvattingen in documenten voor intern beraad' },
];

const BY_CODE = new Map(WOO_GROUNDS.map((g) => [g.code, g]));

export function wooGround(code: string): WooGround | undefined {
  return BY_CODE.get(code);
}

/** The codes, for messages: 5.1.1a–e, 5.1.2a–i, 5.1.5, 5.2 written out. */
export const WOO_GROUND_LIST = WOO_GROUNDS.map((g) => g.code).join(', ');
