// How many cases each fuzzer runs: a small seeded number in the unit suite; many more, with a random seed, in
// `npm run fuzz` (or with PODLAB_FUZZ_RUNS=N, and PODLAB_FUZZ_SEED=S to replay a failure fast-check printed).
const long = process.env.npm_lifecycle_event === 'fuzz';

/** fast-check parameters for a fuzzer whose unit-suite size is `unitRuns`. */
export function fuzzParams(unitRuns: number): { numRuns: number; seed?: number; endOnFailure: boolean; includeErrorInReport: boolean } {
  const env = Number(process.env.PODLAB_FUZZ_RUNS);
  const numRuns = Number.isInteger(env) && env > 0 ? env : long ? unitRuns * 50 : unitRuns;
  const seedText = process.env.PODLAB_FUZZ_SEED;
  const seed = seedText !== undefined ? Number(seedText) : long ? undefined : 9;
  // The failed assertion's message in the report itself (the test runner does not print an error's cause).
  return { numRuns, seed, endOnFailure: true, includeErrorInReport: true };
}

/** A stack trace or an engine error in text a user would see. */
export const STACK_TRACE = /\n\s+at [^\n]*:\d+:\d+|RangeError|TypeError|ReferenceError|Maximum call stack|is not a function/;
