import { printTable } from "../../data-loaders/loader.ts";

printTable("fact_comparison");
