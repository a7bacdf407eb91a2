// Authorization matrix rows for the surveys routes (docs/surveys-api.md).
import type { Case } from './cases.js';

export const SURVEY_CASES: Case[] = [];
