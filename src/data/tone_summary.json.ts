import { printTable } from "../../data-loaders/loader.ts";

printTable("tone_summary");
