/**
 * Run before the tests: the browser suites drive Debian's Chromium through
 * playwright-core, which never downloads a browser of its own. Install the
 * `chromium` package when it is missing (needs root, as on CI machines).
 */
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

if (!existsSync(CHROMIUM)) {
  console.log(`framelens: ${CHROMIUM} not found; installing Debian's chromium package`);
  const sudo = process.getuid?.() === 0 ? "" : "sudo ";
  try {
    execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`, { stdio: "inherit" });
  } catch {
    console.error(`framelens: could not install chromium; install it (apt-get install chromium) or set CHROMIUM_PATH`);
    process.exit(1);
  }
}
