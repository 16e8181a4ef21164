#!/usr/bin/env node
// Thin launcher so the workspace bin link exists before `tsc -b` has built dist/.
import { main } from "../dist/cli/main.js";

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
