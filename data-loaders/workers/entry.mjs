// Worker bootstrap: register tsx's loader inside this thread (a worker does not
// inherit the parent's loader hooks in every Node version), then load the
// TypeScript worker module. Works under `tsx script.ts`, Framework loaders and vitest.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.module);
