export declare const SEED: string;
export declare const FIXTURE: string;
export declare function realPages(text: string): { number: number; body: string; notes: number[]; calls: number[] }[];
export declare function realLetterFixture(text: string): {
  bron: string;
  paginas: number;
  begin: { pagina: number; woorden: string }[];
  voetnoten: { bron: string; perPagina: number[][]; naAanroepPagina: { noot: number; aanroep: number; voet: number }[] };
};
