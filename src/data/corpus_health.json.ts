import { printTable } from "../../data-loaders/loader.ts";

printTable("corpus_health");
