import { printTable } from "../../data-loaders/loader.ts";

printTable("actor_prominence");
