import { printTable } from "../../data-loaders/loader.ts";

printTable("frame_paragraphs");
