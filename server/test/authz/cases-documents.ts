// Authorization matrix rows for the documents routes (docs/documents-api.md).
import type { Case } from './cases.js';

export const DOCUMENT_CASES: Case[] = [];
