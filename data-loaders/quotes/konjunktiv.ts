import { PERFECT_INF } from "./lexicon.ts";
import { B, type Tok } from "./tokens.ts";

/**
 * Konjunktiv I (and, when `allowK2`, the Konjunktiv II substitutes `hätten`,
 * `würden`) outside quotation marks in tokens `[a, b)`: the mood of indirect speech.
 */
export function hasKonjunktiv(toks: Tok[], a: number, b: number, allowK2 = false): boolean {
  const want = allowK2 ? 3 : 1;
  for (let i = a; i < b; i++) {
    const t = toks[i];
    // `kj` is set for lower-case words only: a capitalised form is a noun (`Rede`, `Habe`)
    if (t.mark >= 0 || (t.kj & want) === 0) continue;
    // first person singular present is indicative (`ich habe`, `halte ich`, `ich … ausprobiert habe`)
    if (t.low.endsWith("e") && firstPerson(toks, i)) continue;
    return true;
  }
  return false;
}

/** index of the first Konjunktiv I form outside quotation marks in `[a, b)`, -1 when none (the test of `hasKonjunktiv`) */
export function firstKonjunktiv(toks: Tok[], a: number, b: number): number {
  for (let i = a; i < b; i++) {
    const t = toks[i];
    if (t.mark >= 0 || (t.kj & 1) === 0) continue;
    if (t.low.endsWith("e") && firstPerson(toks, i)) continue;
    return i;
  }
  return -1;
}

/** `ich` as the subject of the verb at `i`: right after it, or earlier in the same clause */
function firstPerson(toks: Tok[], i: number): boolean {
  if (toks[i + 1]?.low === "ich") return true;
  for (let k = i - 1; k >= 0; k--) {
    const t = toks[k];
    if (t.low === "ich" && t.mark < 0) return true;
    if (t.mark < 0 && (t.bits & B.CLAUSE) !== 0) {
      // `ich sie ausprobiert habe, und spiele …`: a coordinated verb shares the clause's subject
      if (toks[k + 1]?.low !== "und") return false;
    }
  }
  return false;
}

/** 1 when the tokens hold Konjunktiv I, 2 when only a Konjunktiv II substitute, 0 when neither (one pass). */
export function konjunktivLevel(toks: Tok[], a: number, b: number): number {
  let level = 0;
  for (let i = a; i < b; i++) {
    const t = toks[i];
    if (t.mark >= 0 || t.kj === 0) continue;
    if (t.low.endsWith("e") && firstPerson(toks, i)) continue;
    if (t.kj & 1) return 1;
    level = 2;
  }
  return level;
}

/** The reportive modal `soll … gewesen sein / getan haben`: hearsay without a named speaker. */
export function hasReportiveModal(toks: Tok[], a: number, b: number): boolean {
  // one pass: a modal seen earlier in the clause and a perfect infinitive closing it (a scan per modal was quadratic)
  let modal = false;
  for (let j = a; j < b; j++) {
    const t = toks[j];
    if (t.mark >= 0) continue;
    if (!t.word) { modal = false; continue; } // clause end
    if (modal && PERFECT_INF.has(t.low) && (j + 1 >= b || !toks[j + 1].word)) return true;
    if ((t.bits & B.RMOD) !== 0) modal = true;
  }
  return false;
}
