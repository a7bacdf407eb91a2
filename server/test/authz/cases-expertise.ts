// Authorization matrix rows for the expertise routes (docs/documents-api.md).
import type { Case } from './cases.js';

export const EXPERTISE_CASES: Case[] = [];
