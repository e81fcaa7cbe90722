/** Writes `<dir>/content/` with the 2022 Kamerbrief whose body is repeated `copies` times; returns that folder. */
export function syntheticContent(dir: string, copies: number): string;
