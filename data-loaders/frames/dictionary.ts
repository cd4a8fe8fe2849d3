import type FramesFile from "../data/frames/frames.json";
import { readJsonData } from "../data-file.ts";
const frames = readJsonData<typeof FramesFile>("data/frames/frames.json");
import { CueMatcher } from "./match.ts";

export interface FrameDef {
  id: string;
  group: string;
  label_de: string;
  label_en: string;
  definition: string;
  source: string;
  cueCount: number;
  /** what the frame's dictionary cannot see, shown on the Methods page */
  limits: string;
}

/** The frame dictionaries (`data/frames/frames.json`), compiled once at module load. */
export const FRAMES: FrameDef[] = frames.frames.map((f) => ({
  id: f.id, group: f.group, label_de: f.label_de, label_en: f.label_en, definition: f.definition, source: f.source, cueCount: f.cues.length, limits: (f as { limits?: string }).limits ?? "",
}));
export const FRAME_IDS = FRAMES.map((f) => f.id);
export const SENTENCE_THRESHOLD: number = frames.sentenceThreshold;
export const FRAMES_SOURCE = { source: frames.source, licence: frames.licence };

export const frameMatcher = new CueMatcher<string>(
  frames.frames.flatMap((f) =>
    (f.cues as (string | [string, number])[]).map((c) =>
      typeof c === "string" ? { pattern: c, weight: 1, tag: f.id } : { pattern: c[0], weight: c[1], tag: f.id },
    ),
  ),
);
