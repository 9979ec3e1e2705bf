// The manifest check grading runs on a student's YAML before anything starts: syntax with line:column, and limits.
import type { ManifestChecker } from '../../core/grade/submission.ts';
import { readManifests } from '../../core/lesson/manifests.ts';

/** YAML errors as diagnostics at the student's line:column; hostile YAML (an alias bomb) throws and is refused. */
export const checkSubmittedManifest: ManifestChecker = (text, at) => readManifests(text, { ...at, column: 1 }, 'error').diagnostics;
