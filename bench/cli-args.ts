// Command-line numbers for the benches: a clear message and exit code 2 on a bad value.

export function intArg(name: string, s: string | undefined, min: number): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`--${name} must be an integer >= ${min}\n`);
    process.exit(2);
  }
  return n;
}
