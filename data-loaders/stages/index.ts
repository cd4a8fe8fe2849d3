import type { Stage } from "../stage.ts";
import { actorsStage } from "./actors.ts";
import { quotesStage } from "./quotes.ts";
import { toneStage } from "./tone.ts";
import { framesStage } from "./frames.ts";
import { factsStage } from "./facts.ts";
import { voiceStage } from "./voice.ts";

/**
 * The analysis stages, in the order they run. Each is a pure function of the
 * document and the results of the stages before it; add a stage by writing
 * its module under `stages/` and listing it here.
 */
export const STAGES: Stage[] = [
  actorsStage,
  quotesStage,
  toneStage,
  framesStage,
  factsStage,
  voiceStage,
];
