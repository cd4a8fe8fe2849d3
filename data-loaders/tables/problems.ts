import type { TableSpec } from "../table.ts";

export const problemsTable: TableSpec = {
  name: "problems",
  key: ["file"],
  columns: {
    file: "string", message: "string"
  },
  description: "Files in the corpus folder that were not analysed, and why.",
  build: ({ problems }) => problems.map((p) => ({ file: p.file, message: p.message })),
};
