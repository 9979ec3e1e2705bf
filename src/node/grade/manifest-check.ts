// The manifest check grading runs on a student's YAML before anything starts: the simulator's own manifest
// parser (kubectl's wording, its size/alias/object/depth limits), with positions moved to where the student wrote it.
import { type ManifestChecker, parseManifests } from '../../core/index.ts';

/** Diagnostics of parseManifests at the student's file:line:column; a limit comes back as `input-limit`. */
export const checkSubmittedManifest: ManifestChecker = (text, at, name) =>
  parseManifests(text, name).diagnostics.map((d) => ({ ...d, pos: { ...d.pos, file: at.file, line: d.pos.line + at.line - 1 } }));
