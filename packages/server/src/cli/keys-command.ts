import { appendFileSync } from "node:fs";
import { Command, Option } from "commander";
import { generateKey, hashKey, roles } from "../auth/api-keys.js";

/** `sightline keys create`: makes a key, prints it once, stores only its hash. */
export function keysCommand(): Command {
  const keys = new Command("keys").description("manage API keys (stored hashed)");
  keys
    .command("create")
    .description("create an API key: prints it once and appends its hash to the keys file")
    .addOption(new Option("--role <role>", "what the key may do").choices(roles).makeOptionMandatory())
    .requiredOption("--name <name>", "a name for the key (shown in logs and 403 messages)")
    .option("--keys-file <file>", "keys file to append to", "sightline-keys.jsonl")
    .action((flags: { role: string; name: string; keysFile: string }) => {
      const key = generateKey();
      appendFileSync(
        flags.keysFile,
        `${JSON.stringify({ name: flags.name, role: flags.role, hash: hashKey(key) })}\n`,
        {
          mode: 0o600,
        },
      );
      console.log(key);
      console.error(
        `Key '${flags.name}' (${flags.role}) added to ${flags.keysFile}; it is shown only this once.`,
      );
    });
  return keys;
}
