// Load and run lessons in tests: parse from disk, run on a fresh simulator, return the kernel's report.
import { readFileSync } from 'node:fs';
import { parseLesson } from '../../src/core/lesson/index.ts';
import type { Lesson } from '../../src/core/lesson/model.ts';
import { Kernel, type KernelOptions } from '../../src/core/runtime/kernel.ts';
import type { RunReport } from '../../src/core/runtime/types.ts';
import { SimBackend } from '../../src/core/sim/sim-backend.ts';

export function lessonFrom(file: string, edit?: (source: string) => string): Lesson {
  const source = readFileSync(file, 'utf8');
  return parseLesson(edit ? edit(source) : source, file);
}

export async function runLesson(lesson: Lesson, options: KernelOptions = {}): Promise<RunReport> {
  const kernel = new Kernel(lesson, new SimBackend(), options);
  try {
    await kernel.runAll();
    return await kernel.report();
  } finally {
    await kernel.stop();
  }
}
