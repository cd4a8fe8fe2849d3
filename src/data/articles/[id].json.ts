// One article's rows of every table its page shows (src/articles/[id].md), so that the text of an
// article reaches the browser only on its own page. Framework passes the id as `--id`.
import { parseArgs } from "node:util";
import { articlePageData } from "../../../data-loaders/scale/article-page.ts";

const { values } = parseArgs({ options: { id: { type: "string" } } });
process.stdout.write(JSON.stringify(articlePageData(values.id!)));
