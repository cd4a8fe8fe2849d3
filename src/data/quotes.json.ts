import { printTable } from "../../data-loaders/loader.ts";

printTable("quotes");
