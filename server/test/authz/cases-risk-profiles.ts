// Authorization matrix rows for the risk-profiles routes (docs/surveys-api.md).
import type { Case } from './cases.js';

export const RISK_PROFILE_CASES: Case[] = [];
