/** Entry point of the `sightline` command; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  console.log(`sightline: not yet implemented (${argv.slice(2).join(" ")})`);
  return 0;
}
