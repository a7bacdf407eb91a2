// Authorization matrix rows for the roadmaps and monitoring routes.
import type { Case } from './cases.js';

export const ROADMAP_CASES: Case[] = [];
