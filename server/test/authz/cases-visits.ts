// Authorization matrix rows for the visits routes (docs/documents-api.md).
import type { Case } from './cases.js';

export const VISIT_CASES: Case[] = [];
