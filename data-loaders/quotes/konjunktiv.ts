import { isKonjunktiv1, isKonjunktiv2, PERFECT_INF, REPORTIVE_MODALS } from "./lexicon.ts";
import type { Tok } from "./tokens.ts";

/**
 * Konjunktiv I (and, when `allowK2`, the Konjunktiv II substitutes `hätten`,
 * `würden`) outside quotation marks in tokens `[a, b)`: the mood of indirect speech.
 */
export function hasKonjunktiv(toks: Tok[], a: number, b: number, allowK2 = false): boolean {
  for (let i = a; i < b; i++) {
    const t = toks[i];
    if (t.mark >= 0 || !t.word) continue;
    // sentence-initial capital is allowed (`Sei es …` is rare; `Habe` never starts a statement)
    if (t.upper) continue; // a capitalised form is a noun (`Rede`, `Habe`)
    // first person singular present is indicative (`ich habe`, `halte ich`)
    if (t.low.endsWith("e") && (toks[i - 1]?.low === "ich" || toks[i + 1]?.low === "ich")) continue;
    if (isKonjunktiv1(t.low)) return true;
    if (allowK2 && isKonjunktiv2(t.low)) return true;
  }
  return false;
}

/** The reportive modal `soll … gewesen sein / getan haben`: hearsay without a named speaker. */
export function hasReportiveModal(toks: Tok[], a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    if (toks[i].mark >= 0 || !REPORTIVE_MODALS.has(toks[i].low)) continue;
    for (let j = i + 1; j < b; j++) {
      const t = toks[j];
      if (t.mark >= 0) continue;
      if (!t.word) break; // clause end
      if (PERFECT_INF.has(t.low) && (j + 1 >= b || !toks[j + 1].word)) return true;
    }
  }
  return false;
}
